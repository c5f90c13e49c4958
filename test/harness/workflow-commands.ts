/** A `::name key=value,...::message` line an action printed on stdout, unescaped as the runner does. */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export type AnnotationLevel = "error" | "warning" | "notice";

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

const COMMAND_LINE = /^::([A-Za-z0-9_-]+)(?: ([^:]*))?::(.*)$/;

function unescapeData(text: string): string {
  return text.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/g, "%");
}

function unescapeProperty(text: string): string {
  return text
    .replace(/%0D/gi, "\r")
    .replace(/%0A/gi, "\n")
    .replace(/%3A/gi, ":")
    .replace(/%2C/gi, ",")
    .replace(/%25/g, "%");
}

function parseProperties(text: string | undefined): Record<string, string> {
  const properties: Record<string, string> = {};
  if (!text) return properties;
  for (const pair of text.split(",")) {
    const equals = pair.indexOf("=");
    if (equals <= 0) continue;
    properties[pair.slice(0, equals).trim()] = unescapeProperty(pair.slice(equals + 1));
  }
  return properties;
}

/** Every workflow command in `stdout`, honouring `::stop-commands::TOKEN` ... `::TOKEN::` as the runner does. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let resumeToken: string | undefined;
  for (const raw of stdout.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (resumeToken !== undefined) {
      if (line === `::${resumeToken}::`) resumeToken = undefined;
      continue;
    }
    const match = COMMAND_LINE.exec(line);
    if (!match) continue;
    const [, command, props, message] = match;
    if (command === "stop-commands") {
      resumeToken = message;
      continue;
    }
    commands.push({ command, properties: parseProperties(props), message: unescapeData(message) });
  }
  return commands;
}

function optionalNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** The error/warning/notice commands as annotations (`col` and `column` are both accepted, as by the runner). */
export function annotationsOf(commands: WorkflowCommand[]): Annotation[] {
  const annotations: Annotation[] = [];
  for (const { command, properties: p, message } of commands) {
    if (command !== "error" && command !== "warning" && command !== "notice") continue;
    const annotation: Annotation = { level: command, message };
    if (p.file !== undefined) annotation.file = p.file;
    const line = optionalNumber(p.line);
    if (line !== undefined) annotation.line = line;
    const endLine = optionalNumber(p.endLine);
    if (endLine !== undefined) annotation.endLine = endLine;
    const col = optionalNumber(p.col ?? p.column);
    if (col !== undefined) annotation.col = col;
    const endColumn = optionalNumber(p.endColumn);
    if (endColumn !== undefined) annotation.endColumn = endColumn;
    if (p.title !== undefined) annotation.title = p.title;
    annotations.push(annotation);
  }
  return annotations;
}
