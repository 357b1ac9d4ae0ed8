import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Header } from '../../src/ui/components/header.js';
import { stripVTControlCharacters } from 'node:util';

const environment = { docker: 'up', registry: { up: true, port: '5000', startedByLab: false } } as const;
const header = (classroom?: Parameters<typeof Header>[0]['classroom']): string =>
	stripVTControlCharacters(
		render(<Header title="Registries" done={2} total={9} environment={environment} classroom={classroom} />).lastFrame() ?? '',
	);

describe('the header and the classroom', () => {
	it('Given no classroom, then the header says nothing about one', () => {
		expect(header()).not.toContain('class');
		expect(header({ kind: 'off' })).not.toContain('class');
	});

	it('Given the progress reached the classroom registry, then the header says it was sent', () => {
		expect(header({ kind: 'published' })).toContain('class ● sent');
	});

	it('Given a publish failed, then the header says why, beside the lab’s own status', () => {
		const shown = header({ kind: 'failed', reason: 'no push rights to registry-lab/registries' });
		expect(shown).toContain('class ○ not sent: no push rights');
		expect(shown).toContain('2/9 done');
		expect(shown).toContain('registry ● :5000');
	});
});
