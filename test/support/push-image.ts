// Pushes a tiny image (one layer holding one file, a config, a schema2 manifest) through the
// registry v2 API with fetch, the way `docker push` does: blob uploads, then the manifest.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export const SCHEMA2_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

function sha256(bytes: Buffer): string {
	return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function octal(value: number, width: number): string {
	return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A POSIX tar archive holding one regular file, with a fixed mtime so equal content gives an equal archive. */
export function tarWithFile(name: string, content: string): Buffer {
	const data = Buffer.from(content, 'utf8');
	const header = Buffer.alloc(512, 0);
	header.write(name, 0, 100, 'utf8');
	header.write(octal(0o644, 8), 100, 'ascii');
	header.write(octal(0, 8), 108, 'ascii');
	header.write(octal(0, 8), 116, 'ascii');
	header.write(octal(data.length, 12), 124, 'ascii');
	header.write(octal(1_600_000_000, 12), 136, 'ascii');
	header.write('        ', 148, 'ascii');
	header.write('0', 156, 'ascii');
	header.write('ustar\0', 257, 'ascii');
	header.write('00', 263, 'ascii');
	let sum = 0;
	for (const byte of header) sum += byte;
	header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
	const padding = Buffer.alloc((512 - (data.length % 512)) % 512, 0);
	return Buffer.concat([header, data, padding, Buffer.alloc(1024, 0)]);
}

export interface PushImageOptions {
	/** e.g. `http://127.0.0.1:5000` */
	baseUrl: string;
	repository: string;
	tag: string;
	/** Different content gives a different image (and digest). */
	content?: string;
	/** An Authorization header value, for registries that want a login. */
	authorization?: string;
}

export interface PushedImage {
	/** The manifest digest the registry answered the manifest PUT with (Docker-Content-Digest). */
	digest: string;
	manifest: string;
	configDigest: string;
	layerDigest: string;
}

async function expectStatus(response: Response, expected: number, what: string): Promise<void> {
	if (response.status !== expected) {
		throw new Error(`${what}: expected HTTP ${expected}, got ${response.status}: ${await response.text()}`);
	}
	await response.arrayBuffer();
}

async function uploadBlob(options: PushImageOptions, blob: Buffer, digest: string): Promise<void> {
	const auth: Record<string, string> = options.authorization ? { authorization: options.authorization } : {};
	const start = await fetch(`${options.baseUrl}/v2/${options.repository}/blobs/uploads/`, { method: 'POST', headers: auth });
	const location = start.headers.get('location');
	await expectStatus(start, 202, `starting the upload of ${digest}`);
	if (!location) throw new Error('the registry sent no upload location');
	const target = new URL(location, options.baseUrl);
	target.searchParams.set('digest', digest);
	const put = await fetch(target, {
		method: 'PUT',
		headers: { ...auth, 'content-type': 'application/octet-stream', 'content-length': String(blob.length) },
		body: new Uint8Array(blob),
	});
	await expectStatus(put, 201, `finishing the upload of ${digest}`);
}

export async function pushImage(options: PushImageOptions): Promise<PushedImage> {
	const content = options.content ?? `hello from ${options.repository}:${options.tag}\n`;
	const tar = tarWithFile('hello.txt', content);
	const layer = gzipSync(tar);
	const layerDigest = sha256(layer);
	const config = Buffer.from(
		JSON.stringify({
			architecture: 'amd64',
			os: 'linux',
			config: { Cmd: ['/hello.txt'] },
			rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
			history: [{ created_by: 'registry-lab test push' }],
		}),
	);
	const configDigest = sha256(config);
	await uploadBlob(options, config, configDigest);
	await uploadBlob(options, layer, layerDigest);

	const manifest = JSON.stringify({
		schemaVersion: 2,
		mediaType: SCHEMA2_MANIFEST,
		config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: configDigest },
		layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: layerDigest }],
	});
	const response = await fetch(`${options.baseUrl}/v2/${options.repository}/manifests/${options.tag}`, {
		method: 'PUT',
		headers: { ...(options.authorization ? { authorization: options.authorization } : {}), 'content-type': SCHEMA2_MANIFEST },
		body: manifest,
	});
	const digest = response.headers.get('docker-content-digest');
	await expectStatus(response, 201, `putting the manifest ${options.repository}:${options.tag}`);
	if (!digest) throw new Error('the registry sent no Docker-Content-Digest for the manifest');
	return { digest, manifest, configDigest, layerDigest };
}
