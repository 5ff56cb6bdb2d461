// A tiny PNG encoder for test fixtures: distinct, valid screenshots without a browser, so unit
// tests can store real image artifacts and check they are deduplicated and embedded.
import { crc32, deflateSync } from 'node:zlib'

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body) >>> 0)
  return Buffer.concat([length, body, crc])
}

/** An RGB image whose colour bands depend on `seed`, so different seeds give different bytes. */
export function fixturePng(seed: number, width = 64, height = 40): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0 // filter: none
    for (let x = 0; x < width; x++) {
      const band = Math.floor((x + seed * 7) / 8) % 4
      raw[row + 1 + x * 3] = (seed * 53 + band * 60) & 255
      raw[row + 2 + x * 3] = (y * 5 + seed * 31) & 255
      raw[row + 3 + x * 3] = (band * 90 + seed) & 255
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
