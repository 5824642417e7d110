import type { devMail as en } from "../en/devMail";
import type { Translation } from "../../translation-shape";

export const devMail: Translation<typeof en> = {
  title: "",
};
