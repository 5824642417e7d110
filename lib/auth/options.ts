import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { clientIp } from "@/lib/http/client-ip";
import { authenticateWithPassword } from "./authenticate-with-password";
import { consumeSignInLink } from "./sign-in-links";

type RequestLike = { headers?: Record<string, string | string[] | undefined> } | undefined;

/** next-auth hands authorize() the request's headers as a plain object with lower-case names. */
function ipOf(req: RequestLike): string | null {
  const headers = req?.headers ?? {};
  return clientIp({
    get: (name: string) => {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(",") : (value ?? null);
    },
  });
}

/**
 * The password provider's check: throttled by address and by the client's
 * address as resolved from the request (lib/http/client-ip.ts).
 */
export async function authorizePassword(
  credentials: { email?: string; password?: string } | undefined,
  req: RequestLike,
) {
  if (!credentials?.email || !credentials.password) return null;
  const result = await authenticateWithPassword(credentials.email, credentials.password, ipOf(req));
  if (!result.ok) {
    // next-auth passes the message to the sign-in page as ?error=…
    throw new Error(result.reason === "throttled" ? "Throttled" : "CredentialsSignin");
  }
  return result.user;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "password",
      name: "Password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: authorizePassword,
    }),
    CredentialsProvider({
      id: "email-link",
      name: "Email link",
      credentials: { token: { type: "text" } },
      async authorize(credentials) {
        if (!credentials?.token) return null;
        const user = await consumeSignInLink(credentials.token);
        if (!user) throw new Error("LinkInvalid");
        return user;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
};
