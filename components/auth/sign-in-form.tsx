"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { useT } from "@/components/i18n-provider";
import { clearComposeDrafts } from "@/components/outbox/compose-draft";
import { TextField } from "@/components/ui/text-field";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // A draft left in this tab by whoever was signed in before (a session that ended) is not kept for the next one.
  useEffect(() => clearComposeDrafts(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("password", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(t(result?.error === "Throttled" ? "auth.signIn.throttled" : "auth.signIn.invalid"));
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <TextField name="email" type="email" label={t("auth.signIn.email")} autoComplete="username" required />
      <TextField
        name="password"
        type="password"
        label={t("auth.signIn.password")}
        autoComplete="current-password"
        required
      />
      {error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        data-testid="signin-submit"
        disabled={pending}
        className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("auth.signIn.submit")}
      </button>
    </form>
  );
}
