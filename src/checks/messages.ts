// What the learner reads when a request does not go as planned: what happened, in
// plain words, naming the URL. Kept in one place so the wording stays consistent. What a
// process says lives beside the code that runs it (process/command-messages.ts).
import { formatDuration } from '../process/command-messages.js';

export const httpMessages = {
	invalidUrl: (url: string) => `${url} is not a valid http:// or https:// URL`,
	refused: (url: string) => `nothing answered at ${url} (connection refused)`,
	unknownHost: (url: string, host: string) => `the host ${host} in ${url} could not be found`,
	reset: (url: string) => `the connection to ${url} was closed before an answer came`,
	certificate: (url: string, reason: string) => `${url} has a certificate this computer does not trust (${reason})`,
	other: (url: string, reason: string) => `the request to ${url} failed (${reason})`,
	timedOut: (url: string, timeoutMs: number) => `${url} did not answer within ${formatDuration(timeoutMs)}`,
	canceled: (url: string) => `the request to ${url} was canceled`,
};
