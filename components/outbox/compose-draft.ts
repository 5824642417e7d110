"use client";

import { useEffect, useMemo, useSyncExternalStore, type RefObject } from "react";

/**
 * The compose form's draft, kept in this browser tab (sessionStorage) while
 * its writer leaves the page, to reconnect the mailbox at the provider for
 * instance: what was typed comes back when they return. Written when the page
 * is left (not at each key), keyed by school and person, gone with the tab,
 * cleared at sign-out and once the mail is queued. Attachments cannot be
 * kept: the draft says there were some, and the writer is asked to choose
 * them again.
 */
export const COMPOSE_DRAFT_PREFIX = "relais.compose.";

const TEXT_FIELDS = ["to", "cc", "bcc", "subject", "text", "html"] as const;

export type ComposeDraft = {
  mailboxId: string;
  /** The send-at field as typed (the school's local time). */
  sendAt: string;
  attachments: boolean;
  fields: Partial<Record<(typeof TEXT_FIELDS)[number], string>>;
};

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function parse(raw: string | null): ComposeDraft | null {
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as ComposeDraft;
    return Object.values(draft.fields ?? {}).some(Boolean) ? draft : null;
  } catch {
    return null;
  }
}

function textField(form: HTMLFormElement, name: string): HTMLInputElement | HTMLTextAreaElement | null {
  const element = form.elements.namedItem(name);
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element : null;
}

/** What the form holds now, as a draft (the select and the send-at field read from the page). */
function draftOf(form: HTMLFormElement): ComposeDraft {
  const fields: ComposeDraft["fields"] = {};
  for (const name of TEXT_FIELDS) fields[name] = textField(form, name)?.value ?? "";
  const mailbox = form.elements.namedItem("mailboxId");
  const files = form.elements.namedItem("attachments");
  return {
    mailboxId: mailbox instanceof HTMLSelectElement ? mailbox.value : "",
    sendAt: form.querySelector<HTMLInputElement>("[data-draft-send-at]")?.value ?? "",
    attachments: files instanceof HTMLInputElement && (files.files?.length ?? 0) > 0,
    fields,
  };
}

// Set at sign-out: the page being left must not write its draft back as it goes.
let signingOut = false;

/** Removes every compose draft of this tab (at sign-out: the next person on this computer finds none). */
export function clearComposeDrafts(options: { signingOut?: boolean } = {}): void {
  if (options.signingOut) signingOut = true;
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(COMPOSE_DRAFT_PREFIX)) store.removeItem(key);
}

// Nothing to subscribe to: the draft is written only as the page is left.
const subscribe = () => () => {};

/**
 * The draft this tab kept for `owner` (null on the server and when there is
 * none), put back in the form's text fields; and the page's draft written
 * when it is left (a full navigation, as to the provider, or a move within
 * the portal). `clear` forgets it, once the mail is queued.
 */
export function useComposeDraft(owner: string, form: RefObject<HTMLFormElement | null>) {
  const key = `${COMPOSE_DRAFT_PREFIX}${owner}`;
  const raw = useSyncExternalStore(
    subscribe,
    () => storage()?.getItem(key) ?? null,
    () => null,
  );
  const draft = useMemo(() => parse(raw), [raw]);

  useEffect(() => {
    const element = form.current;
    if (!draft || !element) return;
    for (const name of TEXT_FIELDS) {
      const field = textField(element, name);
      if (field && draft.fields[name]) field.value = draft.fields[name];
    }
  }, [draft, form]);

  useEffect(() => {
    // Taken now: when the page moves within the portal, the ref is let go before this effect's cleanup.
    const element = form.current;
    const keep = () => {
      const store = storage();
      if (!element || !store || signingOut) return;
      const now = draftOf(element);
      try {
        if (Object.values(now.fields).some(Boolean)) store.setItem(key, JSON.stringify(now));
        else store.removeItem(key);
      } catch {
        // Storage full or refused: the draft is simply not kept.
      }
    };
    window.addEventListener("pagehide", keep);
    return () => {
      window.removeEventListener("pagehide", keep);
      keep();
    };
  }, [form, key]);

  return {
    draft,
    clear: () => storage()?.removeItem(key),
  };
}
