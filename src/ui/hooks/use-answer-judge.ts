// Judges a submitted answer. The reducer only records that an answer waits (`judging`); asking the
// runtime is an effect, so it happens here.
import { useEffect, type Dispatch } from 'react';
import type { LabRuntime, Verdict } from '../../session/lab-port.js';
import type { SessionAction, SessionState } from '../../session/session-reducer.js';

export function useAnswerJudge(
	runtime: LabRuntime,
	judging: SessionState['judging'],
	dispatch: Dispatch<SessionAction>,
	now: () => number = Date.now,
): void {
	const id = judging?.id;
	useEffect(() => {
		if (!judging) return;
		let verdict: Verdict;
		try {
			verdict = runtime.judgeAnswer(judging.stepId, judging.answer);
		} catch (error) {
			const reason = error instanceof Error ? error.message : String(error);
			verdict = { correct: false, feedback: `Your answer could not be checked (${reason}).` };
		}
		dispatch({ type: 'answer-judged', judgingId: judging.id, verdict, at: now() });
		// Judged once per submit: the id changes on every submit, the object on every render.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [id, runtime, dispatch, now]);
}
