import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";
import { DomainError } from "@/lib/errors/domain-error";
import { authOptions } from "./options";
import type { Actor } from "./tenant-context";

export interface SessionUser extends Actor {
  name: string;
  isOperator: boolean;
  locale: string | null;
}

/**
 * The signed-in person, read again from the database on every request so
 * that a disabled or deleted person loses access at once.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await db.user.findFirst({
    where: { id, disabledAt: null },
    select: { id: true, email: true, name: true, isOperator: true, locale: true },
  });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isOperator: user.isOperator,
    locale: user.locale,
    ip: clientIp(await headers()),
  };
}

/** For pages: the signed-in person, or a redirect to the sign-in page. */
export async function requirePageUser(callbackPath: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}

/** For server actions and route handlers: the signed-in person, or an "unauthenticated" error. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new DomainError("unauthenticated", "errors.unauthenticated");
  return user;
}

/** For platform-operator server actions and route handlers. */
export async function requireOperator(): Promise<SessionUser> {
  const user = await requireUser();
  if (!user.isOperator) throw new DomainError("forbidden", "errors.forbidden");
  return user;
}
