"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * The tenant's main navigation; the current section's link says so
 * (aria-current), for screen readers and for the eye. Two columns of links
 * in the header menu on a narrow screen, a row of its own under the header
 * from the lg breakpoint on.
 */
export function TenantNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  // The overview is current only on itself; a section also on its sub-pages.
  const overview = links[0]?.href;
  const current = (href: string) =>
    href === overview ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav
      aria-label={label}
      className="grid grid-cols-2 gap-1 lg:order-last lg:flex lg:basis-full lg:flex-wrap"
    >
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={current(link.href) ? "page" : undefined}
          className="rounded px-3 py-2.5 text-sm break-words hover:bg-slate-100 lg:py-1 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
