import type { members as en } from "../en/members";
import type { Translation } from "../../translation-shape";

export const members: Translation<typeof en> = {
  title: "",
};
