"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * The tenant's main navigation; the current section's link says so
 * (aria-current), for screen readers and for the eye.
 */
export function TenantNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  // The overview is current only on itself; a section also on its sub-pages.
  const overview = links[0]?.href;
  const current = (href: string) =>
    href === overview ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={current(link.href) ? "page" : undefined}
          className="rounded px-3 py-1 text-sm hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
