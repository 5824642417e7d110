import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = await getTranslator();
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-xl font-semibold" data-testid="not-found">
        {t("common.notFound.title")}
      </h1>
      <p className="mt-2 text-slate-600">{t("common.notFound.body")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        {t("common.back")}
      </Link>
    </main>
  );
}
