/** When a connection's authorization ends (the list's column), already in words: a day and what it depends on. */
export interface GrantEndWords {
  /** The day, or what stands instead ("No set end", "—"). */
  text: string;
  /** "if unused until then", "announced by the provider"; none when there is no date. */
  note: string | null;
}

export function GrantEndText({ end }: { end: GrantEndWords }) {
  if (!end.note) return <span className="text-slate-500">{end.text}</span>;
  return (
    <>
      <span className="whitespace-nowrap">{end.text}</span>
      <span className="block text-xs text-slate-500">{end.note}</span>
    </>
  );
}
