/**
 * An email address that wraps after its "@" when its column is too narrow,
 * rather than in the middle of a word; with `break-words` on the element, a
 * part still too long for the line breaks where it must.
 */
export function AddressText({ address }: { address: string }) {
  const at = address.lastIndexOf("@");
  if (at <= 0) return <>{address}</>;
  return (
    <>
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </>
  );
}
