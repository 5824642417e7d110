import type { clients as en } from "../en/clients";
import type { Translation } from "../../translation-shape";

export const clients: Translation<typeof en> = {
  title: "Configurations de clients OAuth",
};
