// The doctor's findings: a tick for what is fine, and for each problem what is wrong and the fix.
import type { DoctorItem } from '../../session/lab-port.js';
import { doctorLines } from '../doctor-lines.js';
import { Lines } from './lines.js';

export function DoctorList({ items, width }: { items: DoctorItem[] | undefined; width: number }) {
	return <Lines lines={doctorLines(items, width)} />;
}
