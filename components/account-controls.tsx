import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";

/**
 * Who is signed in, the language switch and "Sign out". In the header menu on
 * a narrow screen (the address on a line of its own, cut anywhere rather than
 * widening the page); at the right of the header row on a wide one, the
 * address shortened, whole in its tooltip.
 */
export function AccountControls({ email }: { email: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-3 lg:ml-auto lg:flex-row lg:items-center">
      <span
        className="min-w-0 text-sm break-all text-slate-600 lg:max-w-64 lg:truncate"
        title={email}
        data-testid="current-user"
      >
        {email}
      </span>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <LanguageSwitch />
        <SignOutButton />
      </div>
    </div>
  );
}
