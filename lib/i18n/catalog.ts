import type { Locale } from "./locales";
import { auth as enAuth } from "./messages/en/auth";
import { common as enCommon } from "./messages/en/common";
import { errors as enErrors } from "./messages/en/errors";
import { auth as frAuth } from "./messages/fr/auth";
import { common as frCommon } from "./messages/fr/common";
import { errors as frErrors } from "./messages/fr/errors";
import type { Translation } from "./translation-shape";

// One file per area and language, so that features add their strings
// without touching each other's files. Add an area to both maps.
const en = { common: enCommon, errors: enErrors, auth: enAuth };
export type Catalog = Translation<typeof en>;
const fr: Catalog = { common: frCommon, errors: frErrors, auth: frAuth };

export const catalogs: Record<Locale, Catalog> = { en, fr };

type Paths<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Paths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key, e.g. "common.nav.members". */
export type MessageKey = Paths<Catalog>;
