// The lab file format, v1. This one definition gives the loader its validation, the rest of the code
// its types, and editors their JSON Schema (schema/lab.schema.json): every `describe` below is what
// a lab author sees when their editor autocompletes a field.
import { z } from 'zod';

const identifier = z.string().regex(/^[a-z][a-z0-9-]*$/, 'use lowercase letters, digits and dashes, starting with a letter');

const variableName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'use letters, digits and underscores, starting with a letter');

const markdown = z.string().min(1, 'must not be empty');

/** A command line, written as you would type it in a shell (quotes and backslashes work). */
const commandLine = z
	.string()
	.min(1, 'must not be empty')
	.describe(
		'A command line, split into words with shell rules (quotes, backslashes). It runs without a shell: pipes, redirects, `&&` and `$(...)` are refused unless the check sets `shell: true`. `{{name}}` is replaced by a variable’s value inside each word.',
	);

const seconds = z
	.number()
	.positive('must be more than 0')
	.max(600, 'must be at most 600 seconds')
	.describe('Seconds to wait before the command is stopped (with its whole process tree).');

const textMatch = z
	.strictObject({
		contains: z.string().optional().describe('Passes when the text contains this string (after `{{var}}` substitution).'),
		matches: z.string().optional().describe('Passes when the text matches this regular expression (JavaScript syntax, multiline).'),
		notContains: z.string().optional().describe('Passes when the text does not contain this string.'),
	})
	.describe('What the captured text must contain or match. All given conditions must hold.');

const jsonMatch = z
	.strictObject({
		path: z
			.string()
			.describe(
				'Where the value is, as dot/bracket path from the document root, e.g. `tags`, `[0].RepoTags`, `errors[0].code`. Empty for the whole document.',
			),
		equals: z.unknown().optional().describe('Passes when the value at `path` deeply equals this.'),
		contains: z
			.unknown()
			.optional()
			.describe(
				'Passes when the value at `path` contains this: an array containing each given item, or a string containing the given string.',
			),
		exists: z.boolean().optional().describe('Passes when the value at `path` exists (true) or does not (false).'),
	})
	.describe('A condition on a JSON document (parsed from stdout or the HTTP body).');

const runExpect = z
	.strictObject({
		exitCode: z.number().int().min(0).max(255).optional().describe('Expected exit code. Default 0.'),
		stdout: textMatch.optional().describe('Conditions on standard output.'),
		stderr: textMatch.optional().describe('Conditions on standard error.'),
		json: z
			.union([jsonMatch, z.array(jsonMatch)])
			.optional()
			.describe('Conditions on standard output parsed as JSON.'),
	})
	.describe('What the command must do to pass. With nothing given, exit code 0 passes.');

const checkCommon = {
	fail: z
		.string()
		.optional()
		.describe('What the learner reads when this check fails: what is missing and what to do next. `{{var}}` works here.'),
	timeout: seconds.optional(),
};

export const runCheckSchema = z
	.strictObject({
		run: commandLine.describe('The command to run. It passes when `expect` holds (by default: exit code 0).'),
		shell: z
			.boolean()
			.optional()
			.describe(
				'Run with /bin/sh so pipes, redirects and `&&` work. Variables are then passed as environment variables (`$dockerId`), never pasted into the command text.',
			),
		expect: runExpect.optional(),
		...checkCommon,
	})
	.describe('Run a command and judge its exit code and output.');

export const httpCheckSchema = z
	.strictObject({
		http: z.string().min(1).describe('The URL to request, e.g. `http://localhost:{{registryPort}}/v2/`.'),
		method: z.enum(['GET', 'HEAD']).optional().describe('HTTP method. Default GET.'),
		expect: z
			.strictObject({
				status: z.number().int().min(100).max(599).optional().describe('Expected status code. Default 200.'),
				headers: z
					.record(z.string(), z.string())
					.optional()
					.describe('Headers that must be present; each value is a substring the header must contain (case-insensitive name).'),
				body: textMatch.optional().describe('Conditions on the response body as text.'),
				json: z
					.union([jsonMatch, z.array(jsonMatch)])
					.optional()
					.describe('Conditions on the response body parsed as JSON.'),
			})
			.optional()
			.describe('What the response must look like. With nothing given, status 200 passes.'),
		...checkCommon,
	})
	.describe('Make an HTTP request (no shell, no curl needed) and judge the response.');

export const tagsCheckSchema = z
	.strictObject({
		tags: z
			.string()
			.min(1)
			.describe(
				'A repository in a registry, e.g. `localhost:{{registryPort}}/alpine`. Its tag list is read with the registry API (paginated, with auth from the Docker config).',
			),
		include: z.array(z.string().min(1)).min(1).describe('Tags that must all be in the list.'),
		...checkCommon,
	})
	.describe('Passes when a repository in a registry lists all the given tags.');

export const pushedCheckSchema = z
	.strictObject({
		pushed: z
			.string()
			.min(1)
			.describe(
				'An image reference with a tag, e.g. `{{curlImage}}:21.06`. Passes when the registry has that tag and it is the local image: its digest is one of the local image’s repo digests (what `docker push` printed), or the config it names is the local image’s ID (Podman), or it is the local ID (Docker with containerd’s store). Once the local name is gone, the registry’s tag alone decides.',
			),
		...checkCommon,
	})
	.describe('Passes when the local image was pushed: the registry’s image for the tag is the local image, on Docker and on Podman.');

export const variableCheckSchema = z
	.strictObject({
		variable: variableName.describe('A declared variable that must have a valid value.'),
		...checkCommon,
	})
	.describe('Passes when the learner has given this variable a value that matches its pattern.');

export const checkSchema = z
	.union([runCheckSchema, httpCheckSchema, tagsCheckSchema, pushedCheckSchema, variableCheckSchema])
	.describe('One check. Its kind is named by its first key: `run`, `http`, `tags`, `pushed` or `variable`.');

const feedbackRule = z
	.strictObject({
		when: z.string().describe('A regular expression (case-insensitive) tested against the learner’s answer as typed, trimmed.'),
		say: z.string().min(1).describe('The feedback shown when the answer matches `when` and is wrong.'),
	})
	.describe(
		'Targeted feedback for a wrong answer that matches a pattern: said instead of a built-in point about the same part of the answer, else after it.',
	);

export const questionSchema = z
	.strictObject({
		ask: markdown.describe('The question, in markdown.'),
		kind: z
			.enum(['reference', 'command', 'text', 'choice'])
			.describe(
				'`reference`: an image reference, compared after Docker’s normalization. `command`: a docker pull command, parsed, with its reference compared normalized. `text`: any answer matched by a regular expression. `choice`: pick one of `choices`.',
			),
		accept: z
			.array(z.string().min(1))
			.min(1)
			.describe(
				'Right answers. `reference`: references (any equivalent form is accepted). `command`: commands such as `docker pull mcr.microsoft.com/dotnet/runtime:5.0`. `text`: regular expressions (case-insensitive, whole answer). `choice`: the right choice(s), as written in `choices`.',
			),
		choices: z.array(z.string().min(1)).min(2).optional().describe('The options for a `choice` question, shown numbered.'),
		feedback: z
			.array(feedbackRule)
			.optional()
			.describe(
				'Targeted feedback for a wrong answer that matches a pattern. A rule about the same part of the answer as a built-in point (registry, repository, tag, command) is said instead of it; the learner reads at most two points.',
			),
		explain: markdown.optional().describe('Shown after a right answer: why it is right.'),
	})
	.describe('Makes this step a quiz question: the learner types an answer and gets feedback.');

// A near miss is a list of commands like `solution`, plus a name for the report. `undo` exists because
// near misses are wrong names by nature (`curl:21.06` instead of `learner1/curl:21.06`): the step's
// setup cannot know them, and `test` must leave the machine as it found it.
export const wrongStateSchema = z
	.strictObject({
		name: z
			.string()
			.min(1)
			.describe(
				'What the learner did, e.g. `pushed without the Docker ID in its name`. `registry-lab test` names the state when the checks let it through.',
			),
		run: z
			.array(commandLine)
			.min(1)
			.describe('Commands that bring the machine from the step’s setup to this state. Each must succeed, as solution commands must.'),
		undo: z
			.array(commandLine)
			.optional()
			.describe(
				'Commands that remove what this state made and the step’s setup does not remove (an image under a wrong name, a container on the wrong port). `registry-lab test` runs them after the checks.',
			),
	})
	.describe('A state that looks right but is not: the step’s checks must fail there.');

export const stepSchema = z
	.strictObject({
		id: identifier.describe('Unique id of the step within the lab, e.g. `build-curl`. Used by `--step` and in progress files.'),
		title: z.string().min(1).describe('Short title shown in the step list.'),
		prompt: markdown.describe(
			'What the learner should do, in markdown. Fenced code blocks show commands with the learner’s own values filled in.',
		),
		hints: z.array(markdown).optional().describe('Hints shown one at a time, from a gentle nudge to nearly the answer.'),
		setup: z
			.array(commandLine)
			.optional()
			.describe(
				'Commands that bring a machine to this step’s starting point (used by `registry-lab test` and when a learner skips ahead). Run in the workspace folder.',
			),
		solution: z
			.array(commandLine)
			.optional()
			.describe('Commands that complete the step. Shown on request; `registry-lab test` runs them and proves the checks then pass.'),
		podman: z
			.strictObject({
				solution: z
					.array(commandLine)
					.min(1)
					.describe(
						'The solution on Podman, where a docker command works differently (e.g. `docker push --all-tags`, which Podman’s API does not take). `registry-lab test` runs these on Podman; the TUI shows them under the solution.',
					),
				why: z
					.string()
					.min(1)
					.optional()
					.describe(
						'One sentence on what differs, for `registry-lab doctor` on Podman, e.g. “Podman does not take `docker push --all-tags`: push each tag.”',
					),
			})
			.optional()
			.describe('What differs when the engine is Podman (behind the Docker CLI, or the podman-docker shim).'),
		check: z
			.array(checkSchema)
			.optional()
			.describe('Checks that all pass when the step is done. The lab runs them when the machine changes.'),
		wrong: z
			.array(wrongStateSchema)
			.optional()
			.describe(
				'Near misses: states that look done but are not (an image pushed without the Docker ID in its name, a tag left out of the push). `registry-lab test` brings the machine to each one after the step’s setup and proves the checks fail there; a state the checks let through fails the test, naming it.',
			),
		question: questionSchema.optional(),
		needs: z.array(identifier).optional().describe('Ids of steps that must be done before this one can pass.'),
		online: z
			.boolean()
			.optional()
			.describe(
				'True when the step needs the internet or an account (e.g. pushing to Docker Hub). `registry-lab test --skip-online` skips it; set the `hub` variable to run it against another registry.',
			),
		cleanup: z.boolean().optional().describe('True for the step that removes what the lab made; it runs last in `registry-lab test`.'),
		timeout: seconds.optional().describe('Seconds each setup or solution command may take. Default 120.'),
	})
	.describe('One exercise: a task checked on the learner’s machine, or a question.');

export const variableSchema = z
	.strictObject({
		ask: z.string().optional().describe('Asks the learner for a value, with this text, when none is given by `--set` or the environment.'),
		pattern: z.string().optional().describe('A regular expression the whole value must match.'),
		patternHelp: z.string().optional().describe('Shown when a value does not match `pattern`: what a valid value looks like.'),
		default: z.string().optional().describe('The value when none is given.'),
		describe: z.string().optional().describe('What the variable is for; shown by `--help`-like listings and in the TUI.'),
		freePort: z
			.boolean()
			.optional()
			.describe(
				'The value is a TCP port on localhost: when something that is not this lab’s registry holds it, a free port is chosen instead.',
			),
		image: z
			.string()
			.optional()
			.describe(
				'Makes this a computed image reference, e.g. `{{hub}}/{{dockerId}}/curl`, always shown in the familiar form Docker prints (`learner1/curl` when hub is docker.io).',
			),
	})
	.describe('A value the lab’s text and commands use as `{{name}}`.');

export const serviceSchema = z
	.strictObject({
		image: z.string().min(1).describe('Image the container runs, e.g. `registry:2`.'),
		name: z.string().min(1).describe('Container name, e.g. `registry`.'),
		ports: z
			.array(z.string().regex(/^[^:]+:\d+$/, 'use HOST:CONTAINER, e.g. "{{registryPort}}:5000"'))
			.optional()
			.describe('Published ports as HOST:CONTAINER; the host side may be a variable.'),
		env: z.record(z.string(), z.string()).optional().describe('Environment variables for the container.'),
		ready: z
			.strictObject({
				http: z.string().min(1).describe('URL that answers when the service is ready.'),
				status: z.number().int().optional().describe('Status that means ready. Default 200.'),
				header: z
					.string()
					.optional()
					.describe('A header (NAME: value substring) that proves it is this service and not something else on the port.'),
				timeout: seconds.optional(),
			})
			.optional()
			.describe('How to tell the service is up.'),
	})
	.describe(
		'A container the runner may start itself (for `registry-lab test`, or when the learner skips ahead). It is labelled as the lab’s, so cleanup finds it.',
	);

export const labContainerSchema = z
	.strictObject({
		name: z
			.string()
			.min(1)
			.describe(
				'The exact container name the lab tells the learner to use, e.g. `registry` (from `docker run --name registry`). `{{var}}` works here.',
			),
		image: z
			.string()
			.min(1)
			.describe(
				'The image that container must run, e.g. `registry:2`; compared the way Docker normalizes references (`registry:2` is `docker.io/library/registry:2`), or by image ID. A container of that name running anything else is left alone. `{{var}}` works here.',
			),
	})
	.describe(
		'A container the learner starts by hand, without the lab’s label, that `registry-lab cleanup` removes (with its anonymous volumes) when it runs `image`.',
	);

export const labSchema = z
	.strictObject({
		$schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
		version: z.literal(1).describe('Lab format version. Always 1.'),
		id: identifier.describe('Lab id, e.g. `registries`; also the folder name under labs/.'),
		title: z.string().min(1).describe('Title shown in the header.'),
		intro: markdown.optional().describe('Shown before the first step, in markdown.'),
		requires: z
			.array(z.enum(['docker', 'curl', 'internet']))
			.optional()
			.describe('What the learner’s machine needs; `registry-lab doctor` checks each.'),
		files: z
			.array(z.string().min(1))
			.optional()
			.describe('Files and folders (relative to the lab folder) copied into the learner’s workspace, where the lab’s commands run.'),
		variables: z.record(variableName, variableSchema).optional().describe('Values used as `{{name}}` in text and commands.'),
		services: z.record(identifier, serviceSchema).optional().describe('Containers the runner may start.'),
		images: z
			.array(z.string().min(1))
			.optional()
			.describe('Exact image references the lab creates; `registry-lab cleanup` removes these and nothing else.'),
		pulls: z
			.array(z.string().min(1))
			.optional()
			.describe(
				'Images the learners pull or tag by name in the steps, e.g. `alpine`. `registry-lab images save` puts them in the class’s file (with the services’ images and the bases of the Dockerfiles among `files`), and `registry-lab doctor` says when one is missing. `{{var}}` works here.',
			),
		containers: z
			.array(labContainerSchema)
			.optional()
			.describe(
				'Containers the lab tells the learner to start, by exact name and image. `registry-lab cleanup` removes these (with their anonymous volumes) besides the containers labelled as the lab’s, and only when the container of that name runs that image.',
			),
		steps: z.array(stepSchema).min(1, 'a lab needs at least one step').describe('The exercises, in order.'),
		next: markdown.optional().describe('Shown when the lab is finished: what to try next.'),
	})
	.describe('A registry-lab lab file (labs/<id>/lab.yaml).');

export type Lab = z.infer<typeof labSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Check = z.infer<typeof checkSchema>;
export type WrongState = z.infer<typeof wrongStateSchema>;
export type RunCheck = z.infer<typeof runCheckSchema>;
export type HttpCheck = z.infer<typeof httpCheckSchema>;
export type TagsCheck = z.infer<typeof tagsCheckSchema>;
export type PushedCheck = z.infer<typeof pushedCheckSchema>;
export type VariableCheck = z.infer<typeof variableCheckSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Variable = z.infer<typeof variableSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type LabContainerSpec = z.infer<typeof labContainerSchema>;
export type TextMatch = z.infer<typeof textMatch>;
export type JsonMatch = z.infer<typeof jsonMatch>;
