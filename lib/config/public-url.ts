/** The address people use to reach this portal, without a trailing slash. */
export function publicUrl(): string {
  return (process.env.NEXTAUTH_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
}
