// The lab `registry-lab new <id>` writes: one task step and one question that validate and hold
// under `registry-lab test` as written, commented where a first-time author needs a word. The image
// is built `FROM scratch`, so the lab works offline and pulls nothing. Pure: the command writes.

/** An id `new` accepts: what a lab's `id:` allows (lowercase, digits, dashes). */
export const labIdPattern = /^[a-z][a-z0-9-]*$/;

/** "tag-basics" -> "Tag basics". */
export function titleFromId(id: string): string {
	const words = id.split('-').filter(Boolean).join(' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface ScaffoldFile {
	/** Relative to the lab's folder. */
	path: string;
	content: string;
}

/** The files of a new lab, `lab.yaml` first. `schema` is what the yaml-language-server line points at. */
export function scaffoldLab(id: string, schema: string): ScaffoldFile[] {
	const labYaml = `# yaml-language-server: $schema=${schema}
# A lab: steps the learner does in their own shell, each ticked off when its checks pass on their
# machine. Try it:  registry-lab validate labs/${id}   (problems, at their line)
#                   registry-lab test labs/${id}       (every step fails before its solution, passes after)
#                   registry-lab labs/${id}            (the lab as a learner sees it)
version: 1
id: ${id}
title: ${titleFromId(id)}
intro: |
  What this lab teaches, in a sentence or two. Shown on the welcome screen, as markdown.
requires: [docker]
# Folders copied into the learner's workspace; the lab's commands run there.
files: [app]

variables:
  # Written {{appImage}} anywhere in the lab. \`ask:\` instead of \`default:\` asks the learner.
  appImage: { default: ${id}-app }

# The images this lab makes: \`registry-lab cleanup\` removes these, and nothing else.
images:
  - '{{appImage}}:v1'

steps:
  - id: build
    title: Build an image
    prompt: |
      Build the image described by \`app/Dockerfile\` and give it a name:

      \`\`\`
      docker build -t {{appImage}}:v1 app
      \`\`\`
    # One at a time, on request: a nudge first, nearly the answer last.
    hints:
      - '\`docker build -t NAME FOLDER\` builds the Dockerfile in FOLDER and names the image.'
      - 'Run \`docker build -t {{appImage}}:v1 app\` in {{workspace}}.'
    # Brings a machine to the step's start: \`registry-lab test\` runs it, then proves the checks fail.
    setup:
      - docker image rm -f {{appImage}}:v1
    # Shown on request; \`registry-lab test\` runs it and proves the checks then pass.
    solution:
      - docker build -t {{appImage}}:v1 app
    # All must pass for the step to tick. \`fail:\` is the sentence the learner reads when one does not.
    check:
      - run: docker image inspect {{appImage}}:v1
        fail: There is no image {{appImage}}:v1 yet. Build it with docker build -t {{appImage}}:v1 app

  - id: default-tag
    title: 'Question: the default tag'
    prompt: Docker fills in what a name leaves out.
    hints: ['Build without \`:v1\`, then look at the TAG column of \`docker images\`.']
    # A question instead of checks: the learner answers and gets feedback on a wrong answer.
    question:
      ask: What tag does \`docker build -t {{appImage}} app\` give the image?
      kind: choice                # or reference, command, text (regular expressions)
      choices: [latest, v1, none]
      accept: [latest]
      explain: A name without a tag gets \`latest\`.

  # The step that removes what the lab made; \`registry-lab test\` runs it last.
  - id: cleanup
    title: Clean up
    cleanup: true
    prompt: |
      Remove the image this lab made:

      \`\`\`
      docker image rm {{appImage}}:v1
      \`\`\`
    hints: ['\`docker image rm NAME\` removes a name; the image goes with its last name.']
    solution:
      - docker image rm -f {{appImage}}:v1
    check:
      - run: docker image inspect {{appImage}}:v1
        expect: { exitCode: 1 }
        fail: '{{appImage}}:v1 is still there. Remove it with docker image rm {{appImage}}:v1'
`;
	const dockerfile = `# Built from nothing: the lab needs no base image and no internet.
FROM scratch
COPY hello.txt /hello.txt
`;
	return [
		{ path: 'lab.yaml', content: labYaml },
		{ path: 'app/Dockerfile', content: dockerfile },
		{ path: 'app/hello.txt', content: `Hello from ${id}.\n` },
	];
}
