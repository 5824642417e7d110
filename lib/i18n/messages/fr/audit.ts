import type { audit as en } from "../en/audit";
import type { Translation } from "../../translation-shape";

export const audit: Translation<typeof en> = {
  title: "",
};
