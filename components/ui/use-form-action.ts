"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/actions/action-result";

export type FormAction<R> = (previous: ActionResult<R> | null, form: FormData) => Promise<ActionResult<R>>;

/**
 * Runs a server action on a form's submit. Unlike `<form action>`, the form
 * is not reset afterwards, so a refused form keeps what the person typed;
 * `onDone` may reset it on success.
 */
export function useFormAction<R>(
  action: FormAction<R>,
  onDone?: (result: ActionResult<R>, form: HTMLFormElement) => void,
) {
  const [result, setResult] = useState<ActionResult<R> | null>(null);
  const [pending, startTransition] = useTransition();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const outcome = await action(null, data);
      startTransition(() => {
        setResult(outcome);
        onDone?.(outcome, form);
      });
    });
  }
  return { result, pending, onSubmit };
}
