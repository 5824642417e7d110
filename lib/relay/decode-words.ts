const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function decoderFor(charset: string): TextDecoder {
  const name = charset.split("*")[0]!.toLowerCase(); // RFC 2231 language suffix
  try {
    return new TextDecoder(name);
  } catch {
    return new TextDecoder("utf-8");
  }
}

function wordBytes(encoding: string, text: string): Buffer {
  if (encoding.toUpperCase() === "B") return Buffer.from(text, "base64");
  const qp = text
    .replace(/_/g, " ")
    .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(qp, "latin1");
}

/** Raw 8-bit header text (a "binary" string, one character per byte) read as UTF-8. */
export function utf8Of(binary: string): string {
  return Buffer.from(binary, "latin1").toString("utf8");
}

/**
 * A header value for a person to read: RFC 2047 encoded words decoded (white
 * space between two of them dropped, as the RFC says), raw 8-bit text read as
 * UTF-8. Only for display: what is sent keeps the bytes the device wrote.
 */
export function decodeHeaderValue(binary: string): string {
  return decodeEncodedWords(utf8Of(binary));
}

/** RFC 2047 encoded words decoded, in text already read as UTF-8 (a display name). */
export function decodeEncodedWords(text: string): string {
  return text
    .replace(/(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)/g, "$1")
    .replace(ENCODED_WORD, (_, charset: string, encoding: string, data: string) =>
      decoderFor(charset).decode(wordBytes(encoding, data)),
    );
}
