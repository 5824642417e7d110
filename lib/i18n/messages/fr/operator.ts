import type { operator as en } from "../en/operator";
import type { Translation } from "../../translation-shape";

export const operator: Translation<typeof en> = {
  title: "",
};
