// Screenshots of the X display (Xvfb) the app runs on: `xwd -root` (Debian's x11-apps) turned
// into a PNG here, without image libraries. Used instead of WebDriver's screenshot command,
// which can hang in WebKitWebDriver when WebKit composites on the CPU (the app's choice on
// machines without a GPU).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";

/** Parse an XWD dump of a 24/32-bit TrueColor ZPixmap into RGB rows. */
function xwdToRgb(buf) {
  const u32 = (i) => buf.readUInt32BE(i * 4);
  const [headerSize, , format, , width, height, , byteOrder, , , , bitsPerPixel, bytesPerLine] = Array.from(
    { length: 13 },
    (_, i) => u32(i),
  );
  const [redMask, greenMask, blueMask] = [u32(14), u32(15), u32(16)];
  const ncolors = u32(19);
  if (format !== 2 || (bitsPerPixel !== 32 && bitsPerPixel !== 24)) {
    throw new Error(`unsupported XWD: format ${format}, ${bitsPerPixel} bits per pixel`);
  }
  const shift = (mask) => 31 - Math.clz32(mask & -mask);
  const [rs, gs, bs] = [shift(redMask), shift(greenMask), shift(blueMask)];
  const data = headerSize + ncolors * 12;
  const step = bitsPerPixel / 8;
  const rows = Buffer.alloc(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) {
    const out = y * (width * 3 + 1);
    rows[out] = 0; // PNG filter: none
    for (let x = 0; x < width; x++) {
      const at = data + y * bytesPerLine + x * step;
      const pixel = step === 4 ? (byteOrder === 0 ? buf.readUInt32LE(at) : buf.readUInt32BE(at)) : buf.readUIntLE(at, 3);
      rows[out + 1 + x * 3] = (pixel & redMask) >>> rs;
      rows[out + 2 + x * 3] = (pixel & greenMask) >>> gs;
      rows[out + 3 + x * 3] = (pixel & blueMask) >>> bs;
    }
  }
  return { width, height, rows };
}

function chunk(type, body) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/** Crop RGB rows to the box around every non-black pixel (the app's window on Xvfb's black). */
function cropToContent({ width, height, rows }) {
  const stride = width * 3 + 1;
  let [right, bottom] = [0, 0];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * stride + 1 + x * 3;
      if (rows[at] | rows[at + 1] | rows[at + 2]) {
        if (x + 1 > right) right = x + 1;
        bottom = y + 1;
      }
    }
  }
  if (right === 0 || (right === width && bottom === height)) return { width, height, rows };
  const out = Buffer.alloc(bottom * (right * 3 + 1));
  for (let y = 0; y < bottom; y++) {
    rows.copy(out, y * (right * 3 + 1), y * stride, y * stride + 1 + right * 3);
  }
  return { width: right, height: bottom, rows: out };
}

/** Write a PNG of the X display `display` (default: $DISPLAY), cropped to what is on it. */
export function xScreenshot(file, display = process.env.DISPLAY ?? ":99") {
  const dump = execFileSync("xwd", ["-root", "-silent", "-display", display], { maxBuffer: 256 * 1024 * 1024 });
  const { width, height, rows } = cropToContent(xwdToRgb(dump));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  writeFileSync(file, png);
}
