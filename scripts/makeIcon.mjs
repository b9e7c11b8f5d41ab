// Draws media/icon.png, the 128x128 marketplace icon: a shield with a check mark on a rounded
// navy square. Generated rather than hand-drawn so it can be changed in review like code, and
// encoded with node:zlib so no image library is needed.
//
// usage: node scripts/makeIcon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const size = 128;
// Each pixel averages samples x samples points, which smooths the edges without a rasteriser.
const samples = 4;

const navy = [31, 58, 95, 255];
const rim = [236, 242, 248, 255];
const green = [47, 158, 104, 255];
const white = [255, 255, 255, 255];
const clear = [0, 0, 0, 0];

function insideRoundedSquare(x, y) {
	const margin = 4;
	const radius = 22;
	const low = margin + radius;
	const high = size - margin - radius;
	const dx = Math.max(low - x, 0, x - high);
	const dy = Math.max(low - y, 0, y - high);
	return dx * dx + dy * dy <= radius * radius;
}

/** Shield outline scaled by `inset`: a gently dipped top, straight flanks, curved to a point. */
function insideShield(x, y, inset) {
	const centre = 64;
	const halfWidth = 40 - inset;
	const top = 18 + inset + 5 * (1 - ((x - centre) / 40) ** 2);
	const shoulder = 62;
	const tip = 114 - inset * 1.4;
	if (y < top || y > tip) {
		return false;
	}
	const across = Math.abs(x - centre);
	if (y <= shoulder) {
		return across <= halfWidth;
	}
	const t = (y - shoulder) / (tip - shoulder);
	return across <= halfWidth * (1 - t ** 1.7);
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
	const vx = bx - ax;
	const vy = by - ay;
	const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
	return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

function insideCheck(x, y) {
	const elbow = [58, 80];
	return distanceToSegment(x, y, [42, 62], elbow) <= 6 || distanceToSegment(x, y, elbow, [88, 44]) <= 6;
}

/** Colour of one sample point; later layers paint over earlier ones. */
function colourAt(x, y) {
	if (insideCheck(x, y) && insideShield(x, y, 6)) {
		return white;
	}
	if (insideShield(x, y, 6)) {
		return green;
	}
	if (insideShield(x, y, 0)) {
		return rim;
	}
	if (insideRoundedSquare(x, y)) {
		return navy;
	}
	return clear;
}

function renderPixels() {
	const rowLength = 1 + size * 4;
	const raw = Buffer.alloc(rowLength * size);
	for (let row = 0; row < size; row++) {
		// Filter type 0 (None) for every scanline: the image is tiny, compression ratio is irrelevant.
		raw[row * rowLength] = 0;
		for (let column = 0; column < size; column++) {
			const sum = [0, 0, 0, 0];
			for (let sy = 0; sy < samples; sy++) {
				for (let sx = 0; sx < samples; sx++) {
					const colour = colourAt(column + (sx + 0.5) / samples, row + (sy + 0.5) / samples);
					// Premultiply so transparent samples do not darken the anti-aliased edge.
					for (let channel = 0; channel < 3; channel++) {
						sum[channel] += colour[channel] * colour[3];
					}
					sum[3] += colour[3];
				}
			}
			const offset = row * rowLength + 1 + column * 4;
			const alpha = sum[3] / (samples * samples);
			for (let channel = 0; channel < 3; channel++) {
				raw[offset + channel] = sum[3] === 0 ? 0 : Math.round(sum[channel] / sum[3]);
			}
			raw[offset + 3] = Math.round(alpha);
		}
	}
	return raw;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) {
		c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	}
	return c >>> 0;
});

function crc32(buffer) {
	let crc = 0xffffffff;
	for (const byte of buffer) {
		crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	}
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** A complete PNG file (8-bit RGBA, not interlaced) of the icon. */
function iconPng() {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 6; // colour type RGBA
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(renderPixels(), { level: 9 })),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? path.join(repoRoot, 'media', 'icon.png');
const png = iconPng();
writeFileSync(out, png);
console.log(`wrote ${path.relative(process.cwd(), out) || out} (${size}x${size}, ${png.length} bytes)`);
