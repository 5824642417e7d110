import type { CliCommand } from "../command";
import { createPersonFromArgs, personOptions } from "./user-create";

export const operatorCreate: CliCommand = {
  name: "operator:create",
  summary: "Create a platform operator (the first one), or make an existing person one.",
  usage: "--email <email> [--name <name>] [--password-stdin | --password <password>]",
  options: personOptions,
  run: (values, io) => createPersonFromArgs(values, io, true),
};
