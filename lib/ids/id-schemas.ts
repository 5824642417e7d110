import { z } from "zod";

/** A row's id in a form or an action's input (messages are catalog keys). */
export const id = z.uuid({ error: "errors.validation.invalid" });

/** A form sends nothing, one value or several for a repeated field; always an array here. */
export const idList = (max: number) =>
  z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(id).max(max, { error: "errors.validation.tooLong" }),
  );
