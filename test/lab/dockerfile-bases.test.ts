import { describe, expect, it } from 'vitest';
import { dockerfileBases, dockerfileInstructions, isDockerfileName } from '../../src/lab/dockerfile-bases.js';

describe('the base images of a Dockerfile', () => {
	it.each([
		['a plain FROM', 'FROM alpine:3.22\nRUN apk add curl\n', ['alpine:3.22'], []],
		['a FROM in lower case, with a comment above', '# base\nfrom alpine\n', ['alpine'], []],
		['an ARG default before FROM', 'ARG VERSION=3.22\nFROM alpine:${VERSION}\n', ['alpine:3.22'], []],
		['a bare $NAME and a quoted default', 'ARG BASE="alpine:3.21"\nFROM $BASE\n', ['alpine:3.21'], []],
		['an ARG default built from an earlier one', 'ARG V=3.22\nARG IMAGE=alpine:$V\nFROM ${IMAGE}\n', ['alpine:3.22'], []],
		['several ARGs on one line', 'ARG NAME=alpine TAG=edge\nFROM ${NAME}:${TAG}\n', ['alpine:edge'], []],
		['${NAME:-default} for an ARG without a default', 'ARG TAG\nFROM alpine:${TAG:-3.20}\n', ['alpine:3.20'], []],
		['an ARG without a default', 'ARG IMAGE\nFROM ${IMAGE}\n', [], ['${IMAGE}']],
		[
			'an ARG declared only inside a stage (out of scope for FROM)',
			'FROM alpine\nARG T=1\nFROM busybox:${T}\n',
			['alpine'],
			['busybox:${T}'],
		],
		['--platform before the image', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n', ['golang:1.22'], []],
		['scratch, which is no image', 'FROM scratch\nCOPY app /\n', [], []],
		[
			'a multi-stage build that starts FROM an earlier stage',
			'FROM golang:1.22 AS Build\nRUN go build\nFROM build AS test\nFROM alpine:3.22\nCOPY --from=build /app /\n',
			['golang:1.22', 'alpine:3.22'],
			[],
		],
		['the same base twice', 'FROM alpine AS a\nFROM alpine AS b\n', ['alpine'], []],
		['a FROM continued over two lines', 'FROM \\\n  alpine:3.22 \\\n  AS base\n', ['alpine:3.22'], []],
		[
			'a backtick escape directive',
			'# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022\n',
			['mcr.microsoft.com/windows/nanoserver:ltsc2022'],
			[],
		],
	])('reads %s', (_case, text, images, unresolved) => {
		expect(dockerfileBases(text)).toEqual({ images, unresolved });
	});

	it('drops comment lines between continued lines, as the builder does', () => {
		expect(dockerfileInstructions('RUN a \\\n# note\n  b\nFROM x')).toEqual(['RUN a b', 'FROM x']);
	});

	it.each([
		['Dockerfile', true],
		['Dockerfile.v2', true],
		['app.Dockerfile', true],
		['Containerfile', true],
		['dockerfile-notes.md', false],
		['lab.yaml', false],
	])('takes %s for a Dockerfile: %s', (name, expected) => {
		expect(isDockerfileName(name)).toBe(expected);
	});
});
