// Small labs for the runtime and command tests, written to a temporary folder: their commands make,
// test and remove files in the workspace (with coreutils, quick to start, and a few node scripts),
// so no Docker is needed. Each test gets its own
// lab folder, workspace root and state folder, removed afterwards.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Node scripts the fixture labs' commands run (copied into the workspace with `files: [scripts]`). */
const scripts: Record<string, string> = {
	'write.mjs': "import { writeFileSync } from 'node:fs';\nwriteFileSync(process.argv[2], process.argv[3] ?? '');\n",
	// Passes once the file exists and has been looked at N times: a check that needs a few tries,
	// like a registry that takes a moment to listen.
	'count.mjs':
		"import { existsSync, readFileSync, writeFileSync } from 'node:fs';\nconst [file, needed] = process.argv.slice(2);\nif (!existsSync(file)) process.exit(1);\nconst seen = Number(readFileSync(file, 'utf8') || '0') + 1;\nwriteFileSync(file, String(seen));\nprocess.exit(seen >= Number(needed) ? 0 : 1);\n",
	// Writes its own flag, then waits (up to 5 s) for the other's: passes only when both run at once.
	'meet.mjs':
		"import { existsSync, writeFileSync } from 'node:fs';\nconst [mine, theirs] = process.argv.slice(2);\nwriteFileSync(mine, 'here');\nconst until = Date.now() + 5000;\nconst wait = () => existsSync(theirs) ? process.exit(0) : Date.now() > until ? process.exit(1) : setTimeout(wait, 20);\nwait();\n",
	// Prints its arguments, so a test can see which values a command got.
	'echo.mjs': "console.log(process.argv.slice(2).join(' '));\n",
};

/** A lab with a variable step, two task steps (one needing the other), a question and a cleanup step. */
export const goodLab = `version: 1
id: fixture
title: A fixture lab
files: [scripts]
variables:
  name:
    ask: Your name
    pattern: '^[a-z]+$'
    patternHelp: Use lowercase letters, e.g. ada.
  marker:
    default: made.txt
steps:
  - id: give-name
    title: Give your name
    prompt: Tell the lab your name.
    hints: [Lowercase letters.]
    check:
      - variable: name
  - id: make-file
    title: Make the file
    prompt: Make {{marker}}.
    hints: [Write it.]
    needs: [give-name]
    setup: ['rm -f {{marker}}']
    solution: ['touch {{marker}}']
    check:
      - run: test -e {{marker}}
        fail: There is no {{marker}} yet. Make it.
  - id: use-file
    title: Use the file
    prompt: Use it.
    hints: [Write used.txt.]
    needs: [make-file]
    setup: ['touch {{marker}}', 'rm -f used.txt']
    solution: ['touch used.txt']
    check:
      - run: test -e used.txt
        fail: The file is not used yet.
  - id: colour
    title: 'Question: a colour'
    prompt: A question.
    question:
      ask: What colour is the sky on a clear day?
      kind: text
      accept: ['^blue$']
      feedback:
        - when: '^green$'
          say: That is the grass.
  - id: tidy
    title: Tidy up
    prompt: Remove what the lab made.
    hints: [Remove both files.]
    cleanup: true
    solution: ['rm -f {{marker}}', 'rm -f used.txt']
    check:
      - run: test -e {{marker}}
        expect: { exitCode: 1 }
        fail: '{{marker}} is still there.'
      - run: test -e used.txt
        expect: { exitCode: 1 }
        fail: used.txt is still there.
`;

export interface FixtureLab {
	/** The lab's folder (named after its id, as the lint wants). */
	labDir: string;
	/** The workspace root to put in REGISTRY_LAB_WORKSPACE; the lab's workspace is `<root>/<id>`. */
	workspaceRoot: string;
	/** The lab's own workspace folder (not created until a command prepares it). */
	workspace: string;
	stateDir: string;
	/** REGISTRY_LAB_WORKSPACE and REGISTRY_LAB_STATE_DIR over this process's environment. */
	env: Record<string, string | undefined>;
	remove(): void;
}

/** Writes a lab (its id must be `id`) and the scripts to a new temporary folder. */
export function makeFixtureLab(yaml: string = goodLab, id = 'fixture'): FixtureLab {
	const root = mkdtempSync(path.join(tmpdir(), 'registry-lab-fixture-'));
	const labDir = path.join(root, 'labs', id);
	mkdirSync(path.join(labDir, 'scripts'), { recursive: true });
	writeFileSync(path.join(labDir, 'lab.yaml'), yaml);
	for (const [name, text] of Object.entries(scripts)) writeFileSync(path.join(labDir, 'scripts', name), text);
	const workspaceRoot = path.join(root, 'workspaces');
	const stateDir = path.join(root, 'state');
	return {
		labDir,
		workspaceRoot,
		workspace: path.join(workspaceRoot, id),
		stateDir,
		env: { ...process.env, REGISTRY_LAB_WORKSPACE: workspaceRoot, REGISTRY_LAB_STATE_DIR: stateDir },
		remove: () => rmSync(root, { recursive: true, force: true }),
	};
}

/** A copy of the good lab with one step's text replaced, for labs that are wrong in one way. */
export function goodLabWith(from: string, to: string): string {
	if (!goodLab.includes(from)) throw new Error(`the fixture lab has no ${JSON.stringify(from)}`);
	return goodLab.replace(from, to);
}
