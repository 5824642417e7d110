export type TextPart = { kind: "text"; value: string } | { kind: "link"; value: string };

// Sentence punctuation right after a link is not part of it.
const link = /https?:\/\/[^\s<>"']+/g;
const trailing = /[.,;:!?)\]]+$/;

/** Splits a plain-text mail body into text and http(s) links, to show the links clickable. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(link)) {
    const url = match[0].replace(trailing, "");
    const start = match.index;
    if (start > at) parts.push({ kind: "text", value: text.slice(at, start) });
    parts.push({ kind: "link", value: url });
    at = start + url.length;
  }
  if (at < text.length) parts.push({ kind: "text", value: text.slice(at) });
  return parts;
}
