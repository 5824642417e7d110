import nodemailer, { type SendMailOptions } from "nodemailer";
import { describe, expect, it } from "vitest";
import { messageWithoutStreams } from "@/lib/outbox/message-without-streams";

// nodemailer's own output, through its streams, as render-message.ts builds messages for the APIs.
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
const nodemailerBuilds = async (fields: SendMailOptions) =>
  (await composer.sendMail(fields)).message as Buffer;

// Each message gets a random multipart boundary: the same name for both sides.
const sameBoundaries = (message: Buffer) =>
  message.toString("latin1").replace(/--_NmP-[0-9a-f]+-Part_\d+/g, "BOUNDARY");

/** A small deterministic generator (mulberry32), so that a failure names its case. */
function generator(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

// What makes encoders choose and wrap: accents, emoji, lone CR and LF, trailing blanks, '=', dots, long words.
const PIECES = [
  "a",
  "é",
  " ",
  "\t",
  "\n",
  "\r\n",
  "\r",
  "=",
  ".",
  "😀",
  "x".repeat(90),
  "Bonjour ",
  "\u00a0",
  "—",
  "<p>",
  "  \n",
  "ÿ",
  "\u0000",
  "From ",
];

describe("a message written without nodemailer's streams", () => {
  it("is byte for byte nodemailer's, for text, HTML or both, whatever they hold", async () => {
    const random = generator(17);
    const piece = () => PIECES[random(PIECES.length)]!;
    const text = (most: number) => Array.from({ length: random(most) }, piece).join("");
    for (let n = 0; n < 600; n++) {
      const shape = n % 3;
      const fields: SendMailOptions = {
        to: ["parent@example.org", ...(n % 4 === 0 ? ["élève@lycée.test"] : [])],
        cc: n % 5 === 0 ? ["cpe@example.org"] : [],
        subject: text(12),
        messageId: `<case-${n}@lycee.test>`,
        date: new Date("2026-12-07T08:00:00Z"),
        ...(shape !== 1 ? { text: text(80) } : {}),
        ...(shape !== 0 ? { html: text(80) } : {}),
      };
      const ours = sameBoundaries(messageWithoutStreams(fields));
      expect(ours, `case ${n}`).toBe(sameBoundaries(await nodemailerBuilds(fields)));
    }
  });

  it("is nodemailer's for a long French letter, in quoted-printable, and for plain ASCII in 7 bits", async () => {
    const letter = {
      to: ["parent@example.org"],
      subject: "Réunion parents-professeurs du 2e trimestre",
      text: "Madame, Monsieur,\n\n".concat(
        "La réunion aura lieu jeudi à 18 h en salle polyvalente. ".repeat(60),
      ),
      html: `<p>${"La réunion aura lieu jeudi à 18 h.".repeat(40)}</p>`,
      messageId: "<lettre@lycee.test>",
      date: new Date("2026-12-07T08:00:00Z"),
    };
    const ours = messageWithoutStreams(letter);
    expect(sameBoundaries(ours)).toBe(sameBoundaries(await nodemailerBuilds(letter)));
    expect(ours.toString("latin1")).toContain("Content-Transfer-Encoding: quoted-printable");
    const plain = { ...letter, text: "Short and plain.", html: undefined };
    const plainOurs = messageWithoutStreams(plain);
    expect(plainOurs.toString("latin1")).toBe((await nodemailerBuilds(plain)).toString("latin1"));
    expect(plainOurs.toString("latin1")).toContain("Content-Transfer-Encoding: 7bit");
  });

  it("leaves attachments to nodemailer's streams", () => {
    expect(() =>
      messageWithoutStreams({ to: "a@example.org", attachments: [{ filename: "a.txt", content: "a" }] }),
    ).toThrow(/attachments/);
  });
});
