export const id = 916;
export const ids = [916];
export const modules = {

/***/ 9916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPm2: () => (/* binding */ runPm2)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/common/errors.ts
var common_errors = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/common/logger.ts
var common_logger = __webpack_require__(9353);
;// CONCATENATED MODULE: ./src/common/redact.ts
/**
 * The one place secrets are removed from text and data before anything is logged, reported,
 * put in an issue, an artifact or the backup branch.
 */
const REDACTED = "***";
/**
 * Words that make a key name secret when they are a whole word of it (DB_PASSWORD, apiToken,
 * x-auth-token), so "author", "authority" or "tokenizer" stay readable.
 */
const SECRET_WORDS = new Set([
    "secret",
    "secrets",
    "token",
    "tokens",
    "password",
    "passwords",
    "passwd",
    "pwd",
    "pass",
    "passphrase",
    "apikey",
    "auth",
    "authorization",
    "credential",
    "credentials",
    "creds",
    "cookie",
    "cookies",
    "sessionid",
    "salt",
    "dsn",
    "webhook",
    "bearer",
    "jwt",
    "pat",
]);
/** Well-known variables that match a secret word but never hold one (the shell's working directory). */
const NOT_SECRET_KEYS = new Set(["PWD", "OLDPWD"]);
/** Two adjacent words that together name a secret (API_KEY, private-key, DATABASE_URL). */
const SECRET_PAIRS = new Set([
    "api key",
    "private key",
    "access key",
    "signing key",
    "encryption key",
    "master key",
    "ssh key",
    "deploy key",
    "database url",
    "db url",
    "connection string",
    "mongodb uri",
    "mongo uri",
    "mongo url",
    "redis url",
    "session key",
    "session id",
]);
/** Fragments that mark a key secret even inside one unseparated word (MYSQLPASSWORD, ghtoken). */
const SECRET_FRAGMENT = /password|passwd|secret|credential|passphrase|apikey|privatekey|accesskey|token(?!i[sz])/;
/** Values recognisable by their shape alone (GitHub, Netlify, Slack, AWS, JWT, PEM keys). */
const TOKEN_SHAPES = [
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}\b/g,
    /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
    /\bnfp_[A-Za-z0-9]{20,}\b/g,
    /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
    /\bAKIA[0-9A-Z]{16}\b/g,
    /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g,
];
/** user:password@ in URLs (database URLs, git remotes). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]+):([^\s@/]+)@/gi;
/** KEY=value, KEY: value, export KEY="value" where KEY looks secret; a bare value stops before \" (escaped JSON). */
const ENV_PAIR = /\b([A-Za-z_][A-Za-z0-9_.-]*)(\s*[=:]\s*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|(?:[^\s"'\\,;}]|\\(?!"))+)/g;
/** "key": "value" in JSON where the key looks secret. */
const JSON_PAIR = /("([^"\\\n]*)"\s*:\s*)("(?:[^"\\\n]|\\.)*"|-?\d[\d.eE+-]*|true|false)/g;
/**
 * \"key\": \"value\" in JSON stored inside a JSON string (a serialised env in `pm2 dump`):
 * inside the value, \\\\ is a backslash, \\\" a quote and \\n a control character.
 */
const ESCAPED_JSON_PAIR = /(\\"([A-Za-z0-9_.-]+)\\"\s*:\s*)(\\"(?:[^"\\]|\\\\\\\\|\\\\\\"|\\\\[bfnrtu/])*\\"|-?\d[\d.eE+-]*|true|false)/g;
/** HTTP credentials: the whole value of an Authorization header, and a bearer token anywhere. */
const AUTH_HEADER = /\b((?:proxy-)?authorization\s*[:=]\s*)(?:(?:bearer|basic|token|digest)\s+)?[^\s"',;]+/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/-]{8,}=*/g;
/** True when a variable or field name says its value is a secret. */
function looksSecretKey(key) {
    if (NOT_SECRET_KEYS.has(key))
        return false;
    const words = key
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 0);
    for (let i = 0; i < words.length; i++) {
        if (SECRET_WORDS.has(words[i]))
            return true;
        if (i + 1 < words.length && SECRET_PAIRS.has(`${words[i]} ${words[i + 1]}`))
            return true;
    }
    return SECRET_FRAGMENT.test(words.join(""));
}
class redact_Redactor {
    secrets = new Set();
    pattern;
    constructor(secrets = []) {
        for (const s of secrets)
            this.addSecret(s);
    }
    /**
     * Registers a known secret value, with the forms it takes once quoted: JSON-escaped (once and
     * twice), shell-quoted for logs, URL-encoded, and each line of a multi-line value.
     * Values shorter than 4 characters are ignored to keep output readable.
     */
    addSecret(value) {
        if (!value || value.trim().length < 4)
            return;
        const forms = [value, value.trim(), ...value.split(/\r?\n/).map((l) => l.trim())];
        const json = jsonEscape(value);
        forms.push(json, jsonEscape(json), value.replace(/'/g, `'\\''`), encodeURIComponent(value));
        for (const form of forms) {
            if (form.length >= 4)
                this.secrets.add(form);
        }
        this.pattern = undefined;
    }
    get size() {
        return this.secrets.size;
    }
    redact(text) {
        if (!text)
            return text;
        let out = text;
        if (this.secrets.size > 0) {
            this.pattern ??= new RegExp([...this.secrets]
                .sort((a, b) => b.length - a.length)
                .map(escapeRegExp)
                .join("|"), "g");
            out = out.replace(this.pattern, REDACTED);
        }
        for (const shape of TOKEN_SHAPES)
            out = out.replace(shape, REDACTED);
        out = out.replace(URL_CREDENTIALS, (_m, scheme, user) => `${scheme}${user}:${REDACTED}@`);
        out = out.replace(JSON_PAIR, (m, head, key, value) => looksSecretKey(key) && value !== `"${REDACTED}"` ? `${head}"${REDACTED}"` : m);
        out = out.replace(ESCAPED_JSON_PAIR, (m, head, key) => looksSecretKey(key) ? `${head}\\"${REDACTED}\\"` : m);
        out = out.replace(AUTH_HEADER, (_m, head) => `${head}${REDACTED}`);
        out = out.replace(BEARER, (_m, head) => `${head}${REDACTED}`);
        return redactEnvPairs(out);
    }
    /** Deep copy of JSON-like data with secret-looking keys' values and known secrets redacted. */
    redactData(data) {
        return this.walk(data, undefined);
    }
    walk(value, key) {
        if (typeof value === "string") {
            return key !== undefined && looksSecretKey(key) ? REDACTED : this.redact(value);
        }
        if (typeof value === "number" && this.secrets.has(String(value)))
            return REDACTED;
        if (Array.isArray(value))
            return value.map((v) => this.walk(v, undefined));
        if (value !== null && typeof value === "object") {
            const out = {};
            for (const [k, v] of Object.entries(value)) {
                out[k] = looksSecretKey(k) && v !== null && typeof v !== "object" ? REDACTED : this.walk(v, k);
            }
            return out;
        }
        return value;
    }
}
/**
 * Replaces every value of an environment block (PM2 `env`, `env_production`, process env),
 * keeping the names so a reader still sees which variables were set.
 */
function redactEnvBlock(env) {
    const out = {};
    for (const key of Object.keys(env))
        out[key] = REDACTED;
    return out;
}
function jsonEscape(text) {
    return JSON.stringify(text).slice(1, -1);
}
/** KEY=value pairs; a value that is itself `KEY=value` ("Error: DB_PASSWORD=x") is examined in turn. */
function redactEnvPairs(text) {
    return text.replace(ENV_PAIR, (m, key, sep, value) => {
        if (value === REDACTED || value.startsWith('"' + REDACTED))
            return m;
        if (looksSecretKey(key))
            return `${key}${sep}${REDACTED}`;
        const inner = redactEnvPairs(value);
        return inner === value ? m : `${key}${sep}${inner}`;
    });
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

;// CONCATENATED MODULE: ./src/common/result.ts
const SEVERITY = { ok: 0, unknown: 1, warn: 2, fail: 3 };
/** The worst status of a list; an empty list is "ok". */
function worstStatus(statuses) {
    let worst = "ok";
    for (const status of statuses) {
        if (SEVERITY[status] > SEVERITY[worst])
            worst = status;
    }
    return worst;
}

// EXTERNAL MODULE: ./src/common/units.ts
var units = __webpack_require__(8570);
// EXTERNAL MODULE: ./src/config/index.ts + 21 modules
var config = __webpack_require__(7164);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./node_modules/acorn/dist/acorn.mjs
var acorn = __webpack_require__(4559);
;// CONCATENATED MODULE: ./src/pm2/pm2-keys.ts
/**
 * Names PM2 itself uses for an app: the options of its lib/API/schema.json, their aliases, and the
 * runtime fields the daemon adds to `pm2_env`. The ecosystem validator and the jlist redactor share them.
 */
/** Canonical option names of PM2's schema. */
const PM2_OPTION_KEYS = [
    "script",
    "name",
    "name_prefix",
    "filter_env",
    "namespace",
    "install_url",
    "cwd",
    "args",
    "exec_interpreter",
    "node_args",
    "out_file",
    "error_file",
    "log_file",
    "disable_logs",
    "log_type",
    "log_date_format",
    "time",
    "max_memory_restart",
    "pid_file",
    "restart_delay",
    "exp_backoff_restart_delay",
    "source_map_support",
    "disable_source_map_support",
    "wait_ready",
    "instances",
    "kill_timeout",
    "shutdown_with_message",
    "listen_timeout",
    "cron_restart",
    "merge_logs",
    "vizion",
    "autostart",
    "autorestart",
    "stop_exit_codes",
    "watch_delay",
    "watch",
    "ignore_watch",
    "watch_options",
    "min_uptime",
    "max_restarts",
    "execute_command",
    "exec_mode",
    "force",
    "append_env_to_name",
    "post_update",
    "trace",
    "disable_trace",
    "v8",
    "event_loop_inspector",
    "deep_monitoring",
    "increment_var",
    "instance_var",
    "pmx",
    "automation",
    "treekill",
    "port",
    "username",
    "uid",
    "gid",
    "windowsHide",
    "kill_retry_time",
    "write",
    "io",
];
/** Other names the schema accepts for those options in an ecosystem file, and the `env` block. */
const PM2_OPTION_ALIASES = [
    "exec",
    "interpreter",
    "interpreterArgs",
    "interpreter_args",
    "out",
    "output",
    "out_log",
    "error",
    "err",
    "err_file",
    "err_log",
    "log",
    "env",
    "pid",
    "cron",
    "combine_logs",
    "user",
];
/** What the daemon adds to each app's `pm2_env` at run time (seen in `pm2 jlist` and `dump.pm2`). */
const PM2_RUNTIME_FIELDS = [
    "pm_id",
    "status",
    "pm_uptime",
    "created_at",
    "restart_time",
    "unstable_restarts",
    "prev_restart_delay",
    "exit_code",
    "pm_cwd",
    "pm_exec_path",
    "pm_out_log_path",
    "pm_err_log_path",
    "pm_log_path",
    "pm_pid_path",
    "node_version",
    "version",
    "versioning",
    "vizion_running",
    "km_link",
    "axm_actions",
    "axm_monitor",
    "axm_options",
    "axm_dynamic",
    "unique_id",
    "started_inside",
    "command",
];

// EXTERNAL MODULE: ./src/common/edit-distance.ts
var edit_distance = __webpack_require__(7369);
;// CONCATENATED MODULE: ./src/pm2/ecosystem.ts
/**
 * Reading and validating a PM2 ecosystem file (JSON, YAML or JavaScript) without running it.
 *
 * JavaScript files are parsed with acorn and only a literal `module.exports = {...}` or
 * `export default {...}` is read from the syntax tree; nothing is evaluated. The file comes from a
 * repository or a remote host, and a sandboxed `vm` is not a security boundary, so code that
 * would have to run (require, function calls, variables, spreads, `process.env.X`) is reported
 * as a finding instead: "cannot be read statically; use JSON/YAML or literal values".
 * Findings never quote the values of `env` blocks.
 */





/** App keys PM2 documents (its lib/API/schema.json, with aliases); `env_<name>` blocks are matched apart. */
const PM2_APP_KEYS = new Set([...PM2_OPTION_KEYS, ...PM2_OPTION_ALIASES]);
const TOP_LEVEL_KEYS = new Set(["apps", "deploy"]);
const BOOLEAN_KEYS = [
    "autorestart",
    "autostart",
    "merge_logs",
    "combine_logs",
    "vizion",
    "wait_ready",
    "treekill",
    "force",
];
const MAX_MEMORY = /^\d+(G|M|K)?$/;
const DYNAMIC_HINT = "cannot be read statically; use JSON/YAML or literal values";
function parseEcosystem(path, text) {
    const method = methodFor(path);
    const findings = [];
    const root = method === "static-js" ? readJs(text, findings) : readYamlOrJson(text, method, findings);
    if (root === undefined)
        return { apps: [], findings, method };
    reportDynamic(root, "", findings);
    const apps = validate(root, findings);
    findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { apps, findings, method };
}
function methodFor(path) {
    const lower = path.toLowerCase();
    if (lower.endsWith(".json"))
        return "json";
    if (lower.endsWith(".yml") || lower.endsWith(".yaml"))
        return "yaml";
    if (lower.endsWith(".js") || lower.endsWith(".cjs") || lower.endsWith(".mjs"))
        return "static-js";
    throw new common_errors/* ConfigurationError */.j1("unsupported ecosystem file type; use .json, .yml, .yaml, .config.js or .cjs", {
        file: path,
    });
}
// ---------- JSON and YAML ----------
function readYamlOrJson(text, method, findings) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
    const at = (offset) => {
        const p = lineCounter.linePos(offset);
        return { line: p.line, column: p.col };
    };
    if (method === "json") {
        const problem = jsonProblem(text);
        if (problem) {
            findings.push({
                severity: "error",
                message: `invalid JSON: ${problem.message}`,
                ...(problem.offset === undefined ? {} : at(problem.offset)),
            });
            return undefined;
        }
    }
    if (doc.errors.length > 0) {
        for (const error of doc.errors) {
            // The first line of a yaml error names the problem; the rest quotes the source, which may hold secrets.
            const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
            const pos = error.linePos?.[0];
            findings.push({
                severity: "error",
                message: `invalid YAML: ${message}`,
                ...(pos ? { line: pos.line, column: pos.col } : {}),
            });
        }
        return undefined;
    }
    if (doc.contents === null) {
        findings.push({ severity: "error", message: "the file is empty; it needs `apps: [...]`", line: 1, column: 1 });
        return undefined;
    }
    return fromYaml(doc.contents, doc, at, 0);
}
/** JSON.parse's own message quotes the input, so only its kind and position are kept. */
function jsonProblem(text) {
    try {
        JSON.parse(text);
        return undefined;
    }
    catch (error) {
        if (!(error instanceof SyntaxError))
            throw error;
        const head = error.message.split(/ in JSON|, "|\n/)[0];
        const position = /position (\d+)/.exec(error.message);
        return {
            message: head.includes('"') || head.length > 80 ? "syntax error" : head,
            offset: position ? Number(position[1]) : text.trim() === "" ? 0 : undefined,
        };
    }
}
function fromYaml(node, doc, at, depth) {
    const pos = node?.range ? at(node.range[0]) : { line: 1, column: 1 };
    if (node === null)
        return { kind: "scalar", pos, value: null };
    if (depth > 64)
        return { kind: "dynamic", pos, what: "a value nested too deeply" };
    if ((0,dist/* isAlias */.Vj)(node)) {
        const target = node.resolve(doc);
        return target
            ? fromYaml(target, doc, at, depth + 1)
            : { kind: "dynamic", pos, what: `the unknown alias *${node.source}` };
    }
    if ((0,dist/* isScalar */.jn)(node)) {
        const v = node.value;
        if (v === null || typeof v === "string" || typeof v === "boolean")
            return { kind: "scalar", pos, value: v };
        if (typeof v === "number" && Number.isFinite(v))
            return { kind: "scalar", pos, value: v };
        return { kind: "dynamic", pos, what: "a value that is not a string, number or boolean" };
    }
    if ((0,dist/* isSeq */.oP)(node)) {
        return { kind: "array", pos, items: node.items.map((item) => fromYaml(asNode(item), doc, at, depth + 1)) };
    }
    if ((0,dist/* isMap */.jh)(node)) {
        const entries = node.items.map((pair) => {
            const keyNode = asNode(pair.key);
            const key = keyNode && (0,dist/* isScalar */.jn)(keyNode) ? String(keyNode.value) : String(pair.key);
            const keyPos = keyNode?.range ? at(keyNode.range[0]) : pos;
            const valueNode = asNode(pair.value);
            const value = valueNode
                ? fromYaml(valueNode, doc, at, depth + 1)
                : { kind: "scalar", pos: keyPos, value: null };
            return { key, pos: keyPos, value };
        });
        return { kind: "object", pos, entries };
    }
    return { kind: "dynamic", pos, what: "an unsupported YAML node" };
}
function asNode(value) {
    return (0,dist/* isAlias */.Vj)(value) || (0,dist/* isScalar */.jn)(value) || (0,dist/* isMap */.jh)(value) || (0,dist/* isSeq */.oP)(value) ? value : null;
}
function isAcornError(error) {
    return error instanceof SyntaxError && "loc" in error && typeof error.loc === "object" && error.loc !== null;
}
function readJs(text, findings) {
    let program;
    try {
        program = (0,acorn/* parse */.qg)(text, { ecmaVersion: "latest", sourceType: "module", locations: true, allowHashBang: true });
    }
    catch (moduleError) {
        if (!isAcornError(moduleError))
            throw moduleError;
        try {
            // CommonJS files may use sloppy-mode syntax a module rejects.
            program = (0,acorn/* parse */.qg)(text, { ecmaVersion: "latest", sourceType: "script", locations: true, allowHashBang: true });
        }
        catch (scriptError) {
            if (!isAcornError(scriptError))
                throw scriptError;
            findings.push({
                severity: "error",
                message: `invalid JavaScript: ${moduleError.message.replace(/ \(\d+:\d+\)$/, "")}`,
                line: moduleError.loc.line,
                column: moduleError.loc.column + 1,
            });
            return undefined;
        }
    }
    let exported;
    for (const statement of program.body) {
        if (statement.type === "ExpressionStatement" && "directive" in statement && statement.directive)
            continue;
        if (statement.type === "ExportDefaultDeclaration" && isExpression(statement.declaration)) {
            exported = statement.declaration;
            continue;
        }
        if (statement.type === "ExpressionStatement" &&
            statement.expression.type === "AssignmentExpression" &&
            statement.expression.operator === "=" &&
            dottedName(statement.expression.left) === "module.exports") {
            exported = statement.expression.right;
            continue;
        }
        findings.push({
            severity: "error",
            message: `${describeStatement(statement)} would have to run: the file ${DYNAMIC_HINT}`,
            ...posOf(statement),
        });
    }
    if (!exported) {
        findings.push({
            severity: "error",
            message: "no `module.exports = { apps: [...] }` or `export default { apps: [...] }` found",
            line: 1,
            column: 1,
        });
        return undefined;
    }
    return fromJs(exported, findings);
}
function isExpression(node) {
    return !/Declaration$/.test(node.type) || node.type === "ClassExpression";
}
function posOf(node) {
    return node.loc ? { line: node.loc.start.line, column: node.loc.start.column + 1 } : { line: 1, column: 1 };
}
function fromJs(node, findings) {
    const pos = posOf(node);
    switch (node.type) {
        case "ObjectExpression": {
            const entries = [];
            for (const prop of node.properties) {
                if (prop.type === "SpreadElement") {
                    findings.push({ severity: "error", message: `a spread (...) ${DYNAMIC_HINT}`, ...posOf(prop) });
                    continue;
                }
                const key = propertyKey(prop.key, prop.computed);
                if (key === undefined || prop.kind !== "init" || prop.method) {
                    findings.push({ severity: "error", message: `a computed key or method ${DYNAMIC_HINT}`, ...posOf(prop) });
                    continue;
                }
                const value = prop.shorthand
                    ? { kind: "dynamic", pos: posOf(prop.value), what: `the variable \`${key}\`` }
                    : fromJs(prop.value, findings);
                entries.push({ key, pos: posOf(prop), value });
            }
            return { kind: "object", pos, entries };
        }
        case "ArrayExpression": {
            const items = [];
            for (const element of node.elements) {
                if (element === null)
                    findings.push({ severity: "error", message: "an empty array slot", ...pos });
                else
                    items.push(fromJs(element, findings));
            }
            return { kind: "array", pos, items };
        }
        case "Literal": {
            const v = node.value;
            if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
                return { kind: "scalar", pos, value: v };
            }
            return { kind: "dynamic", pos, what: node.regex ? "a regular expression" : "a BigInt" };
        }
        case "TemplateLiteral":
            if (node.expressions.length === 0)
                return { kind: "scalar", pos, value: node.quasis[0]?.value.cooked ?? "" };
            return { kind: "dynamic", pos, what: "a template string with ${...}" };
        case "UnaryExpression":
            if ((node.operator === "-" || node.operator === "+") &&
                node.argument.type === "Literal" &&
                typeof node.argument.value === "number") {
                return { kind: "scalar", pos, value: node.operator === "-" ? -node.argument.value : node.argument.value };
            }
            return { kind: "dynamic", pos, what: `the expression \`${node.operator}...\`` };
        case "SpreadElement":
            return { kind: "dynamic", pos, what: "a spread (...)" };
        default:
            return { kind: "dynamic", pos, what: describeJs(node) };
    }
}
function propertyKey(key, computed) {
    if (computed)
        return undefined;
    if (key.type === "Identifier")
        return key.name;
    if (key.type === "Literal" && (typeof key.value === "string" || typeof key.value === "number"))
        return String(key.value);
    return undefined;
}
/** `a.b.c` for a chain of plain identifiers, undefined for anything else. */
function dottedName(node) {
    if (node.type === "Identifier")
        return node.name;
    if (node.type === "MemberExpression" && !node.computed) {
        const object = dottedName(node.object);
        const property = dottedName(node.property);
        return object && property ? `${object}.${property}` : undefined;
    }
    return undefined;
}
/** `require(...).config(...)` for a chain of calls on plain names, undefined for anything else. */
function callText(node) {
    if (node.type === "Identifier")
        return node.name;
    if (node.type === "MemberExpression" && !node.computed) {
        const object = callText(node.object);
        const property = dottedName(node.property);
        return object && property ? `${object}.${property}` : undefined;
    }
    if (node.type === "CallExpression") {
        const callee = callText(node.callee);
        return callee ? `${callee}(...)` : undefined;
    }
    return undefined;
}
function describeStatement(statement) {
    if (statement.type === "VariableDeclaration") {
        const names = statement.declarations.map((d) => (d.id.type === "Identifier" ? d.id.name : "...")).join(", ");
        return `the declaration of \`${names}\``;
    }
    if (statement.type === "ExpressionStatement")
        return describeJs(statement.expression);
    if (statement.type === "ImportDeclaration")
        return "an import";
    return `a statement (${statement.type})`;
}
function describeJs(node) {
    const name = dottedName(node);
    if (name)
        return node.type === "Identifier" ? `the variable \`${name}\`` : `\`${name}\``;
    switch (node.type) {
        case "CallExpression": {
            const call = callText(node);
            return call ? `the call \`${call}\`` : "a function call";
        }
        case "NewExpression":
            return "a `new` expression";
        case "ArrowFunctionExpression":
        case "FunctionExpression":
            return "a function";
        case "ConditionalExpression":
            return "a conditional (?:)";
        case "BinaryExpression":
        case "LogicalExpression":
            return `an expression with \`${node.operator}\``;
        case "TaggedTemplateExpression":
            return "a tagged template";
        default:
            return `an expression (${node.type})`;
    }
}
// ---------- validation ----------
function reportDynamic(value, path, findings) {
    if (value.kind === "dynamic") {
        findings.push({
            severity: "error",
            message: `${value.what} ${DYNAMIC_HINT}`,
            ...value.pos,
            ...(path ? { key: path } : {}),
        });
    }
    else if (value.kind === "array") {
        value.items.forEach((item, i) => reportDynamic(item, `${path}[${i}]`, findings));
    }
    else if (value.kind === "object") {
        for (const entry of value.entries)
            reportDynamic(entry.value, path ? `${path}.${entry.key}` : entry.key, findings);
    }
}
function validate(root, findings) {
    let appsValue;
    if (root.kind === "array")
        appsValue = root;
    else if (root.kind === "object") {
        for (const entry of root.entries) {
            if (entry.key === "apps")
                appsValue = entry.value;
            else if (!TOP_LEVEL_KEYS.has(entry.key)) {
                findings.push({
                    severity: "warning",
                    message: `unknown top-level key "${entry.key}"; PM2 reads only apps and deploy`,
                    ...entry.pos,
                    key: entry.key,
                });
            }
        }
        if (!appsValue) {
            findings.push({
                severity: "error",
                message: "no `apps` list: an ecosystem file needs `apps: [...]`",
                ...root.pos,
            });
            return [];
        }
    }
    else {
        if (root.kind === "scalar")
            findings.push({ severity: "error", message: "expected an object with `apps: [...]`", ...root.pos });
        return [];
    }
    if (appsValue.kind === "dynamic")
        return [];
    if (appsValue.kind !== "array") {
        findings.push({ severity: "error", message: "`apps` must be a list of apps", ...appsValue.pos, key: "apps" });
        return [];
    }
    if (appsValue.items.length === 0)
        findings.push({ severity: "warning", message: "`apps` is empty", ...appsValue.pos, key: "apps" });
    const apps = [];
    const firstByName = new Map();
    appsValue.items.forEach((item, index) => {
        const app = validateApp(item, index, findings);
        if (!app)
            return;
        const first = firstByName.get(app.name);
        if (first !== undefined) {
            findings.push({
                severity: "error",
                message: `duplicate app name "${app.name}" (first defined at line ${first}); names must be unique`,
                ...(nameEntryOf(item)?.pos ?? item.pos),
                key: `apps[${index}].name`,
            });
        }
        else
            firstByName.set(app.name, app.line ?? 0);
        apps.push(app);
    });
    return apps;
}
function nameEntryOf(item) {
    return item.kind === "object" ? item.entries.findLast((e) => e.key === "name") : undefined;
}
function validateApp(item, index, findings) {
    const path = `apps[${index}]`;
    if (item.kind === "dynamic")
        return undefined;
    if (item.kind !== "object") {
        findings.push({
            severity: "error",
            message: `${path} must be an object describing one app`,
            ...item.pos,
            key: path,
        });
        return undefined;
    }
    const byKey = new Map();
    for (const entry of item.entries) {
        if (byKey.has(entry.key)) {
            findings.push({
                severity: "warning",
                message: `duplicate key "${entry.key}"; the last one wins`,
                ...entry.pos,
                key: `${path}.${entry.key}`,
            });
        }
        byKey.set(entry.key, entry);
    }
    const report = (severity, message, entry) => {
        findings.push({ severity, message, ...(entry ? entry.pos : item.pos), key: entry ? `${path}.${entry.key}` : path });
    };
    const scriptEntry = byKey.get("script") ?? byKey.get("exec");
    const script = stringOf(scriptEntry, report, "a path");
    const nameEntry = byKey.get("name");
    let name = stringOf(nameEntry, report, "a string") ??
        (nameEntry?.value.kind === "scalar" && typeof nameEntry.value.value === "number"
            ? String(nameEntry.value.value)
            : undefined);
    const label = () => (name ? `app "${name}"` : path);
    if (!scriptEntry)
        report("error", `${label()} has no \`script\`; PM2 cannot start it`);
    if (!nameEntry) {
        const derived = script
            ? script
                .split(/[\\/]/)
                .pop()
                ?.replace(/\.[^.]+$/, "")
            : undefined;
        report("warning", `${path} has no \`name\`; PM2 names it after its script${derived ? ` ("${derived}")` : ""}`);
        name = derived;
    }
    const app = { name: name ?? path, envKeys: [], line: item.pos.line };
    if (script !== undefined)
        app.script = script;
    const cwd = stringOf(byKey.get("cwd"), report, "a path");
    if (cwd !== undefined)
        app.cwd = cwd;
    for (const entry of item.entries) {
        if (!PM2_APP_KEYS.has(entry.key) && !entry.key.startsWith("env_")) {
            const near = closestKey(entry.key);
            report("warning", `unknown key "${entry.key}" in ${label()}; PM2 ignores it${near ? ` (did you mean "${near}"?)` : ""}`, entry);
        }
        if (entry.key === "env" || entry.key.startsWith("env_")) {
            if (entry.value.kind === "object") {
                for (const variable of entry.value.entries)
                    if (!app.envKeys.includes(variable.key))
                        app.envKeys.push(variable.key);
            }
            else if (entry.value.kind !== "dynamic") {
                report("error", `\`${entry.key}\` in ${label()} must be an object of variables`, entry);
            }
        }
    }
    const instances = byKey.get("instances");
    if (instances && instances.value.kind === "scalar") {
        const v = instances.value.value;
        if (v === "max")
            app.instances = "max";
        else if (typeof v === "number" && Number.isInteger(v))
            app.instances = v;
        else
            report("error", `instances ${quote(v)} in ${label()} must be a whole number, -1 or "max"`, instances);
    }
    else if (instances && instances.value.kind !== "dynamic") {
        report("error", `instances in ${label()} must be a whole number, -1 or "max"`, instances);
    }
    const execMode = byKey.get("exec_mode");
    if (execMode && execMode.value.kind !== "dynamic") {
        const v = execMode.value.kind === "scalar" ? execMode.value.value : undefined;
        const m = typeof v === "string" ? /^(cluster|fork)(?:_mode)?$/.exec(v) : null;
        if (m)
            app.execMode = m[1] === "cluster" ? "cluster" : "fork";
        else
            report("error", `exec_mode ${quote(v)} in ${label()} must be "fork" or "cluster"`, execMode);
    }
    const many = app.instances === "max" || (typeof app.instances === "number" && app.instances !== 1);
    if (many && app.execMode === "fork") {
        report("warning", `${label()} asks for ${app.instances === "max" ? "max" : app.instances} instances in fork mode: they run as separate processes that cannot share a port; use exec_mode "cluster"`, execMode);
    }
    const interpreter = byKey.get("interpreter") ?? byKey.get("exec_interpreter");
    const interpreterName = interpreter?.value.kind === "scalar" ? interpreter.value.value : undefined;
    if (app.execMode === "cluster" &&
        typeof interpreterName === "string" &&
        !/(^|[\\/])(node|nodejs|bun|none)$/.test(interpreterName)) {
        report("warning", `${label()} runs in cluster mode with the interpreter ${quote(interpreterName)}; cluster mode works only for Node.js apps`, interpreter);
    }
    const memory = byKey.get("max_memory_restart");
    if (memory && memory.value.kind === "scalar") {
        const v = memory.value.value;
        if (typeof v === "number" && Number.isInteger(v) && v >= 0)
            app.maxMemoryRestart = String(v);
        else if (typeof v === "string" && MAX_MEMORY.test(v))
            app.maxMemoryRestart = v;
        else
            report("error", `max_memory_restart ${quote(v)} in ${label()} is not a size PM2 reads; use bytes or a whole number with K, M or G (150M, 1G, 500K)`, memory);
    }
    else if (memory && memory.value.kind !== "dynamic") {
        report("error", `max_memory_restart in ${label()} must be a size such as 150M`, memory);
    }
    const cron = byKey.get("cron_restart") ?? byKey.get("cron");
    if (cron && cron.value.kind === "scalar") {
        const v = cron.value.value;
        const problem = typeof v === "string" ? cronProblem(v) : "it must be a string";
        if (problem)
            report("error", `cron_restart ${quote(v)} in ${label()} is not a valid cron pattern: ${problem}`, cron);
        else if (typeof v === "string")
            app.cronRestart = v.trim();
    }
    else if (cron && cron.value.kind !== "dynamic") {
        report("error", `cron_restart in ${label()} must be a cron pattern string`, cron);
    }
    for (const key of BOOLEAN_KEYS) {
        const entry = byKey.get(key);
        if (entry &&
            entry.value.kind !== "dynamic" &&
            !(entry.value.kind === "scalar" && typeof entry.value.value === "boolean")) {
            report("warning", `${key} in ${label()} should be true or false`, entry);
        }
    }
    return app;
}
function stringOf(entry, report, what) {
    if (!entry || entry.value.kind === "dynamic")
        return undefined;
    if (entry.value.kind === "scalar" && typeof entry.value.value === "string" && entry.value.value.trim() !== "")
        return entry.value.value;
    if (entry.key === "name" && entry.value.kind === "scalar" && typeof entry.value.value === "number")
        return undefined;
    report("error", `\`${entry.key}\` must be ${what}, not ${entry.value.kind === "scalar" ? quote(entry.value.value) : `an ${entry.value.kind}`}`, entry);
    return undefined;
}
/** The documented key within two edits of a misspelt one, for a "did you mean" hint. */
function closestKey(key) {
    return (0,edit_distance/* closestMatch */.h)(key, PM2_APP_KEYS, 2, (t) => t.toLowerCase());
}
function quote(value) {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
// ---------- cron ----------
const CRON_NICKNAMES = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly"]);
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const FIELDS = [
    { name: "second", min: 0, max: 59 },
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day of month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12, names: MONTHS, nameBase: 1 },
    { name: "day of week", min: 0, max: 7, names: DAYS, nameBase: 0 },
];
/** Why a 5- or 6-field cron pattern (as PM2's croner reads them) is invalid, or undefined when it is valid. */
function cronProblem(pattern) {
    const text = pattern.trim();
    if (text.startsWith("@"))
        return CRON_NICKNAMES.has(text.toLowerCase()) ? undefined : `unknown nickname ${quote(text)}`;
    const parts = text.split(/\s+/).filter((p) => p !== "");
    if (parts.length !== 5 && parts.length !== 6)
        return `it has ${parts.length} fields; use 5 (minute hour day month weekday) or 6 (with seconds first)`;
    const fields = parts.length === 6 ? FIELDS : FIELDS.slice(1);
    for (let i = 0; i < parts.length; i += 1) {
        const problem = cronFieldProblem(parts[i], fields[i]);
        if (problem)
            return `${fields[i].name} field ${quote(parts[i])}: ${problem}`;
    }
    return undefined;
}
function cronFieldProblem(field, spec) {
    for (const part of field.split(",")) {
        if (part === "")
            return "empty list item";
        if (spec.name === "day of month" && /^(L|LW|\d{1,2}W)$/i.test(part))
            continue;
        if (spec.name === "day of week" && /^(L|[0-7]L|[0-7]#[1-5])$/i.test(part))
            continue;
        const [base, step, extra] = part.split("/");
        if (extra !== undefined)
            return "more than one /";
        if (step !== undefined && !/^[1-9]\d*$/.test(step))
            return `step ${quote(step)} must be a positive whole number`;
        if (base === "*" || (base === "?" && (spec.name === "day of month" || spec.name === "day of week")))
            continue;
        const range = base.split("-");
        if (range.length > 2)
            return `bad range ${quote(base)}`;
        const values = [];
        for (const token of range) {
            const value = cronValue(token, spec);
            if (value === undefined)
                return `${quote(token)} is not a valid ${spec.name} (${spec.min}-${spec.max}${spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : ""})`;
            values.push(value);
        }
        if (values.length === 2 && values[0] > values[1])
            return `range ${quote(base)} runs backwards`;
    }
    return undefined;
}
function cronValue(token, spec) {
    if (/^\d+$/.test(token)) {
        const n = Number(token);
        return n >= spec.min && n <= spec.max ? n : undefined;
    }
    const index = spec.names?.indexOf(token.toUpperCase()) ?? -1;
    return index >= 0 ? index + (spec.nameBase ?? 0) : undefined;
}

;// CONCATENATED MODULE: ./src/pm2/jlist.ts
/**
 * Reading `pm2 jlist` output and redacting `pm2 jlist` / `dump.pm2` for backups.
 * Both carry every environment variable of every app: parsing keeps names only, never values.
 */


/**
 * Fields PM2 itself puts in `pm2_env` (app options from PM2's schema plus runtime state).
 * Anything else in `pm2_env` is an environment variable PM2 merged in, and is treated as secret.
 */
const KNOWN_PM2_ENV_FIELDS = new Set([...PM2_OPTION_KEYS, ...PM2_RUNTIME_FIELDS]);
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const NOTE_MAX = 200;
const PREFIX_MAX = 40;
/**
 * Parses what `pm2 jlist` printed. Text around the JSON array (daemon banners, the
 * "In-memory PM2 is out-of-date" warning, which PM2 prints asynchronously before or after) is
 * skipped and recorded in notes. Entries that are not apps (no name, no pm2_env) are skipped with
 * a note while the rest still count; if every entry is bad the whole output is an error.
 */
function parseJlist(text, now = Date.now(), redactor = new redact_Redactor()) {
    const clean = text.replace(ANSI, "");
    if (clean.trim() === "")
        return { ok: false, error: "pm2 jlist printed nothing" };
    const found = locateJsonArray(clean);
    if (!found.ok)
        return { ok: false, error: found.error(redactor) };
    const notes = found.skipped.map((line) => line.includes('"')
        ? "skipped an output line holding JSON (not quoted: it may hold env values)"
        : `skipped output line: ${maskLine(line, redactor, NOTE_MAX)}`);
    const apps = [];
    found.value.forEach((entry, index) => {
        const app = readApp(entry, now);
        if (typeof app === "string")
            notes.push(`skipped jlist entry #${index}: ${app}`);
        else
            apps.push(app);
    });
    if (apps.length === 0 && found.value.length > 0) {
        return {
            ok: false,
            error: `pm2 jlist printed ${found.value.length} entries and none is a PM2 app (${notes.at(-1)})`,
        };
    }
    return { ok: true, apps, notes };
}
/** The jlist JSON with every environment value replaced; throws on anything but a JSON array. */
function redactJlistForBackup(text, redactor) {
    const found = locateJsonArray(text.replace(ANSI, ""));
    if (!found.ok)
        throw new Error(`cannot redact pm2 jlist output: ${found.error(redactor)}`);
    const redacted = found.value.map((entry) => {
        if (!isRecord(entry))
            return redactor.redactData(entry);
        const local = secretValuesOf(isRecord(entry.pm2_env) ? entry.pm2_env : {});
        const out = {};
        for (const [key, value] of Object.entries(entry)) {
            out[key] =
                key === "pm2_env" && isRecord(value)
                    ? redactAppEnv(value, redactor, local)
                    : scrub(key, value, redactor, local);
        }
        return out;
    });
    return JSON.stringify(redacted, null, 2) + "\n";
}
/** `dump.pm2` (what `pm2 save` writes: an array of app definitions) with every environment value replaced. */
function redactDumpForBackup(text, redactor) {
    const data = parseJsonOrUndefined(text);
    // JSON.parse quotes the input in its message, and the input holds secrets: only the kind of failure is told.
    if (data === undefined)
        throw new Error("cannot redact dump.pm2: not valid JSON (syntax error)");
    if (!Array.isArray(data))
        throw new Error(`cannot redact dump.pm2: expected a JSON array of apps, got ${describe(data)}`);
    const redacted = data.map((entry) => isRecord(entry) ? redactAppEnv(entry, redactor, secretValuesOf(entry)) : redactor.redactData(entry));
    return JSON.stringify(redacted, null, 2) + "\n";
}
/** Variables whose values are machine facts, not secrets; registering them would blank out paths everywhere. */
const PLAIN_ENV = new Set([
    "PATH",
    "HOME",
    "PWD",
    "OLDPWD",
    "SHELL",
    "LANG",
    "LC_ALL",
    "TERM",
    "USER",
    "LOGNAME",
    "HOSTNAME",
    "SHLVL",
    "_",
    "NODE_ENV",
    "PM2_HOME",
    "TZ",
]);
/**
 * Registers every environment value of every app in `pm2 jlist` (or `dump.pm2`) output with the
 * redactor, so log lines and messages quoting a secret under an innocent name are redacted too.
 * App names and the `readable` values (host names) are never registered: the report shows them anyway,
 * and a variable such as APP_NAME=api must not blank out the app's own result id.
 * Values never leave this function; returns how many apps were read. Unparsable text registers nothing.
 */
function addEnvSecretsTo(redactor, text, readable = []) {
    const found = locateJsonArray(text.replace(ANSI, ""));
    if (!found.ok)
        return 0;
    const entries = found.value.filter(isRecord);
    const keep = new Set(readable);
    for (const entry of entries) {
        const env = isRecord(entry.pm2_env) ? entry.pm2_env : entry;
        const name = entry.name ?? env.name;
        if (typeof name === "string")
            keep.add(name);
    }
    const register = (key, value) => {
        if (typeof value !== "string" || PLAIN_ENV.has(key) || key === "unique_id" || keep.has(value))
            return;
        if (/^(?:\d+|true|false|yes|no)$/i.test(value.trim()))
            return;
        redactor.addSecret(value);
    };
    for (const entry of entries) {
        for (const [key, value] of envVariables(isRecord(entry.pm2_env) ? entry.pm2_env : entry))
            register(key, value);
    }
    return entries.length;
}
/** The environment variables of one app: its `env` / `env_*` blocks and what PM2 merged into `pm2_env` beside its own fields. */
function envVariables(env) {
    const out = [];
    for (const [key, value] of Object.entries(env)) {
        if (key === "env" || key.startsWith("env_")) {
            if (isRecord(value))
                out.push(...Object.entries(value));
        }
        else if (!KNOWN_PM2_ENV_FIELDS.has(key))
            out.push([key, value]);
    }
    return out;
}
/** Finds the JSON array among the lines PM2 printed: the first line-start `[` whose balanced text parses as an array. */
function locateJsonArray(text) {
    const lineStarts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1))
        lineStarts.push(i + 1);
    let truncated = false;
    let objectInstead = false;
    let parseFailed = false;
    for (const lineStart of lineStarts) {
        const start = skipBlanks(text, lineStart);
        const ch = text[start];
        if (ch !== "[" && ch !== "{")
            continue;
        const end = matchBracket(text, start);
        if (end === -1) {
            if (ch === "[" && /^\[\s*[{\]]/.test(text.slice(start, start + 64)))
                truncated = true;
            continue;
        }
        let value;
        try {
            value = JSON.parse(text.slice(start, end + 1));
        }
        catch (error) {
            // "[PM2] Spawning..." banners start with a bracket too; they are not the array, move on.
            if (!(error instanceof SyntaxError))
                throw error;
            if (ch === "[" && text[skipBlanks(text, start + 1)] === "{")
                parseFailed = true;
            continue;
        }
        if (!Array.isArray(value)) {
            objectInstead = true;
            continue;
        }
        const skipped = [...text.slice(0, start).split("\n"), ...text.slice(end + 1).split("\n")]
            .map((l) => l.trim())
            .filter((l) => l !== "");
        return { ok: true, value, skipped };
    }
    const firstLine = text.split("\n").find((l) => l.trim() !== "") ?? "";
    return {
        ok: false,
        error: (r) => {
            const begins = firstLine.includes('"')
                ? "its JSON is not quoted here, as it may hold env values"
                : `output begins: ${maskLine(firstLine, r, PREFIX_MAX)}`;
            if (truncated)
                return `pm2 jlist output is truncated: the JSON array never closes (${begins})`;
            if (parseFailed)
                return `pm2 jlist output is not valid JSON (${begins})`;
            if (objectInstead)
                return `pm2 jlist printed a JSON object, expected an array of apps (${begins})`;
            return `pm2 jlist output holds no JSON array (${begins})`;
        },
    };
}
function skipBlanks(text, from) {
    let i = from;
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\r"))
        i += 1;
    return i;
}
/** Index of the bracket closing the one at `start`, honouring JSON strings; -1 if it never closes. */
function matchBracket(text, start) {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i += 1) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === 0x5c)
                i += 1;
            else if (c === 0x22)
                inString = false;
        }
        else if (c === 0x22)
            inString = true;
        else if (c === 0x5b || c === 0x7b)
            depth += 1;
        else if (c === 0x5d || c === 0x7d) {
            depth -= 1;
            if (depth === 0)
                return i;
        }
    }
    return -1;
}
/** A line of output without quotes, safe to show: redacted, `key=value` / `key: value` values masked, shortened. */
function maskLine(line, redactor, max) {
    const short = line.length > max * 4 ? line.slice(0, max * 4) : line;
    const masked = redactor.redact(short).replace(/([:=]\s*)(?!\*\*\*)([^\s,;}\]]+)/g, `$1${REDACTED}`);
    return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}
function readApp(entry, now) {
    if (!isRecord(entry))
        return `not an object (${describe(entry)})`;
    const env = entry.pm2_env;
    const rawName = entry.name ?? (isRecord(env) ? env.name : undefined);
    const pmIdRaw = entry.pm_id ?? (isRecord(env) ? env.pm_id : undefined);
    const pmId = typeof pmIdRaw === "number" && Number.isInteger(pmIdRaw) && pmIdRaw >= 0 ? pmIdRaw : undefined;
    const idText = pmId === undefined ? "" : ` (pm_id ${pmId})`;
    if (typeof rawName !== "string" && typeof rawName !== "number")
        return `no name${idText}`;
    const name = String(rawName);
    if (pmId === undefined)
        return `app ${JSON.stringify(name)} has no valid pm_id`;
    if (!isRecord(env))
        return `app ${JSON.stringify(name)}${idText} has no pm2_env`;
    const monit = isRecord(entry.monit) ? entry.monit : {};
    const status = typeof env.status === "string" ? env.status : "unknown";
    const startedAt = num(env.pm_uptime);
    const execMode = str(env.exec_mode)?.replace(/_mode$/, "");
    const pid = num(entry.pid);
    const app = {
        name,
        pmId,
        status,
        restarts: num(env.restart_time) ?? 0,
        unstableRestarts: num(env.unstable_restarts) ?? 0,
        envKeys: isRecord(env.env)
            ? Object.keys(env.env).filter((k) => k !== "unique_id" && !isObjectLike(env.env, k))
            : [],
    };
    if (pid !== undefined && pid > 0)
        app.pid = pid;
    if (startedAt !== undefined) {
        app.startedAt = startedAt;
        if (status === "online")
            app.uptimeMs = Math.max(0, now - startedAt);
    }
    assignDefined(app, "memoryBytes", num(monit.memory));
    assignDefined(app, "cpuPercent", num(monit.cpu));
    assignDefined(app, "execMode", execMode);
    assignDefined(app, "instances", num(env.instances));
    assignDefined(app, "errorLogPath", str(env.pm_err_log_path));
    assignDefined(app, "outLogPath", str(env.pm_out_log_path));
    assignDefined(app, "script", str(env.pm_exec_path));
    assignDefined(app, "cwd", str(env.pm_cwd));
    return app;
}
function assignDefined(app, key, value) {
    if (value !== undefined)
        app[key] = value;
}
/** Redacts one app's PM2 environment: env blocks and unknown (env var) keys lose their values. */
function redactAppEnv(env, redactor, local) {
    const out = {};
    for (const [key, value] of Object.entries(env)) {
        if (key === "env" || key.startsWith("env_"))
            out[key] = isRecord(value) ? redactEnvBlock(value) : REDACTED;
        else if (KNOWN_PM2_ENV_FIELDS.has(key))
            out[key] = scrub(key, value, redactor, local);
        else
            out[key] = REDACTED;
    }
    return out;
}
/** A known field's value through the caller's redactor and the app's own secret-looking env values. */
function scrub(key, value, redactor, local) {
    const once = redactor.redactData({ [key]: value })[key];
    return local.size > 0 ? local.redactData({ [key]: once })[key] : once;
}
/** Values of secret-looking env variables, so a copy pasted into args or node_args is caught too. */
function secretValuesOf(env) {
    const local = new redact_Redactor();
    for (const [k, v] of envVariables(env))
        if (typeof v === "string" && looksSecretKey(k))
            local.addSecret(v);
    return local;
}
function parseJsonOrUndefined(text) {
    try {
        return JSON.parse(text);
    }
    catch (error) {
        if (error instanceof SyntaxError)
            return undefined;
        throw error;
    }
}
function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
function isObjectLike(record, key) {
    if (!isRecord(record))
        return false;
    const v = record[key];
    return v !== null && typeof v === "object";
}
function num(value) {
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
function str(value) {
    return typeof value === "string" && value !== "" ? value : undefined;
}
function describe(value) {
    if (value === null)
        return "null";
    if (Array.isArray(value))
        return "an array";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

;// CONCATENATED MODULE: ./src/pm2/backup.ts







/**
 * Reads an ecosystem file fetched from a host: the app names it declares (expected to run),
 * its validation findings, and a copy with every environment value redacted for the backup.
 */
function readExpectedApps(path, text, redactor) {
    const notes = [];
    let parsed;
    try {
        parsed = parseEcosystem(path, text);
    }
    catch (error) {
        if (!(0,common_errors/* isConfigurationError */.p0)(error))
            throw error;
        return { names: [], notes: [redactor.redact(error.message)], backup: [], errors: 1 };
    }
    const names = parsed.apps.map((a) => a.name).filter((n) => n !== "");
    for (const f of parsed.findings) {
        notes.push(`${path}${f.line ? `:${f.line}` : ""}: ${f.severity}: ${redactor.redact(f.message)}`);
    }
    const copy = redactedBackupEntries(path, text, redactor);
    notes.push(...copy.notes);
    const errors = parsed.findings.filter((f) => f.severity === "error").length;
    return { names, notes, backup: copy.backup, errors };
}
/** A host file's backup copy: JSON or YAML with env values replaced, or nothing (and a note) when it cannot be redacted. */
function redactedBackupEntries(path, text, redactor) {
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (base === "dump.pm2") {
        try {
            return { backup: [{ path: "dump.pm2.json", content: redactDumpForBackup(text, redactor) }], notes: [] };
        }
        catch (error) {
            if (!(error instanceof Error))
                throw error;
            return { backup: [], notes: [`dump.pm2 left out of the backup: ${error.message}`] };
        }
    }
    if (/\.json$/i.test(base) || /\.ya?ml$/i.test(base)) {
        const yaml = !/\.json$/i.test(base);
        let data;
        try {
            data = yaml ? (0,dist/* parse */.qg)(text) : JSON.parse(text);
        }
        catch (error) {
            if (!(error instanceof Error))
                throw error;
            // Parser messages quote the input, and the input holds secrets: name the failure only.
            return { backup: [], notes: [`${base} left out of the backup: not valid ${yaml ? "YAML" : "JSON"}`] };
        }
        const redacted = redactEcosystemData(data, redactor);
        const content = yaml ? (0,dist/* stringify */.As)(redacted) : JSON.stringify(redacted, null, 2) + "\n";
        return { backup: [{ path: base, content }], notes: [] };
    }
    return {
        backup: [],
        notes: [`${base} left out of the backup: only JSON or YAML ecosystem files can be redacted without running them`],
    };
}
/** Every `env` / `env_*` block loses its values, whatever its depth; the rest passes the redactor. */
function redactEcosystemData(data, redactor) {
    if (Array.isArray(data))
        return data.map((v) => redactEcosystemData(v, redactor));
    if (data !== null && typeof data === "object") {
        const out = {};
        for (const [key, value] of Object.entries(data)) {
            if (key === "env" || key.startsWith("env_")) {
                out[key] =
                    value !== null && typeof value === "object" && !Array.isArray(value) ? redactEnvBlock(value) : REDACTED;
            }
            else {
                out[key] = redactEcosystemData(redactor.redactData({ [key]: value })[key], redactor);
            }
        }
        return out;
    }
    return typeof data === "string" ? redactor.redact(data) : data;
}
/** A host or file name made safe as one path segment of the backup tree. */
function safeSegment(name) {
    const cleaned = name.replace(/[^A-Za-z0-9._-]/g, "_");
    return cleaned === "" || /^\.+$/.test(cleaned) ? `_${cleaned}` : cleaned;
}
/** Writes backup entries under `dir` (paths are relative and already made of safe segments). */
function writeBackupEntries(dir, entries) {
    const written = [];
    for (const entry of entries) {
        const target = (0,external_node_path_.join)(dir, ...entry.path.split("/").map(safeSegment));
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(target), { recursive: true });
        (0,external_node_fs_.writeFileSync)(target, entry.content, { mode: 0o600 });
        written.push(target);
    }
    return written;
}

;// CONCATENATED MODULE: ./src/pm2/health.ts


/** Problems a restart or re-creation can fix; the others are reported only. */
const RECOVERABLE = new Set([
    "stopped",
    "errored",
    "waiting-restart",
    "launching",
    "crash-loop",
    "memory",
    "missing",
]);
function health_emptyState() {
    return { version: 1, hosts: {} };
}
/** Accepts what a previous run wrote; anything else is rejected with the reason. */
function parseState(text, source) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`${source}: state is not JSON (${error instanceof Error ? error.message : String(error)})`, {
            cause: error,
        });
    }
    if (!health_isRecord(data) || data.version !== 1 || !health_isRecord(data.hosts)) {
        throw new Error(`${source}: state must be {"version": 1, "hosts": {...}}`);
    }
    const hosts = {};
    for (const [host, apps] of Object.entries(data.hosts)) {
        if (!health_isRecord(apps))
            continue;
        hosts[host] = {};
        for (const [app, entry] of Object.entries(apps)) {
            if (health_isRecord(entry) && typeof entry.restarts === "number") {
                hosts[host][app] = {
                    restarts: entry.restarts,
                    checkedAt: typeof entry.checkedAt === "string" ? entry.checkedAt : "",
                };
            }
        }
    }
    return { version: 1, hosts };
}
function health_isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}
function instanceProblems(app, t) {
    const ids = [app.pmId];
    const out = [];
    const label = `${app.name}[${app.pmId}]`;
    switch (app.status) {
        case "online":
            break;
        case "stopped":
        case "stopping":
            out.push({ kind: "stopped", status: "fail", message: `${label} is ${app.status}`, pmIds: ids });
            break;
        case "errored":
            out.push({
                kind: "errored",
                status: "fail",
                message: `${label} is errored (PM2 gave up restarting it)`,
                pmIds: ids,
            });
            break;
        case "waiting restart":
            out.push({
                kind: "waiting-restart",
                status: "fail",
                message: `${label} is waiting to restart after crashing`,
                pmIds: ids,
            });
            break;
        case "launching":
            if (app.uptimeMs !== undefined && app.uptimeMs > t.maxLaunching) {
                out.push({
                    kind: "launching",
                    status: "fail",
                    message: `${label} has been launching for ${(0,units/* formatDuration */.a3)(app.uptimeMs)}`,
                    pmIds: ids,
                });
            }
            break;
        default:
            out.push({ kind: "unknown-status", status: "warn", message: `${label} has status '${app.status}'`, pmIds: ids });
    }
    if (app.status === "online" && app.restarts > 0 && app.uptimeMs !== undefined && app.uptimeMs < t.minUptime) {
        out.push({
            kind: "crash-loop",
            status: "fail",
            message: `${label} is crash-looping: up ${(0,units/* formatDuration */.a3)(app.uptimeMs)} (< min-uptime ${(0,units/* formatDuration */.a3)(t.minUptime)}) after ${app.restarts} restarts`,
            pmIds: ids,
        });
    }
    else if (app.unstableRestarts > 0) {
        out.push({
            kind: "unstable",
            status: "warn",
            message: `${label} had ${app.unstableRestarts} unstable restarts`,
            pmIds: ids,
        });
    }
    if (t.maxMemory !== undefined && app.memoryBytes !== undefined && app.memoryBytes > t.maxMemory) {
        out.push({
            kind: "memory",
            status: "fail",
            message: `${label} uses ${(0,units/* formatSize */.Xq)(app.memoryBytes)} (> max-memory ${(0,units/* formatSize */.Xq)(t.maxMemory)})`,
            pmIds: ids,
        });
    }
    if (t.maxCpu !== undefined && app.cpuPercent !== undefined && app.cpuPercent > t.maxCpu) {
        out.push({
            kind: "cpu",
            status: "warn",
            message: `${label} uses ${app.cpuPercent}% CPU (> max-cpu ${t.maxCpu}%)`,
            pmIds: ids,
        });
    }
    return out;
}
/**
 * Judges every app of one host. `expected` lists the apps that must run (empty: no expectation);
 * `previous` is the last run's memory for this host.
 */
function evaluateApps(apps, expected, thresholds, previous) {
    const byName = new Map();
    for (const app of apps) {
        const list = byName.get(app.name) ?? [];
        list.push(app);
        byName.set(app.name, list);
    }
    const expectedSet = new Set(expected);
    const verdicts = [];
    for (const [name, instances] of byName) {
        const problems = instances.flatMap((i) => instanceProblems(i, thresholds));
        const restarts = instances.reduce((sum, i) => sum + i.restarts, 0);
        const before = previous?.[name]?.restarts;
        // A count lower than last time means PM2 was reset (delete/start, daemon restart): all are new.
        const since = before === undefined ? undefined : restarts >= before ? restarts - before : restarts;
        const judged = since ?? restarts;
        if (judged > thresholds.maxRestarts) {
            problems.push({
                kind: "restarts",
                status: since === undefined ? "warn" : "fail",
                message: since === undefined
                    ? `${name} restarted ${restarts} times in total (> max-restarts ${thresholds.maxRestarts}; no previous run to compare)`
                    : `${name} restarted ${since} times since the last run (> max-restarts ${thresholds.maxRestarts})`,
                pmIds: instances.map((i) => i.pmId),
            });
        }
        if (expectedSet.size > 0 && !expectedSet.has(name)) {
            problems.push({
                kind: "unexpected",
                status: "warn",
                message: `${name} runs but is not expected (not in apps or the ecosystem file)`,
                pmIds: instances.map((i) => i.pmId),
            });
        }
        verdicts.push(verdictFor(name, instances, problems, restarts, since));
    }
    for (const name of expected) {
        if (byName.has(name))
            continue;
        const problem = {
            kind: "missing",
            status: "fail",
            message: `${name} is expected but not in PM2's process list`,
            pmIds: [],
        };
        verdicts.push(verdictFor(name, [], [problem], 0, undefined));
    }
    return verdicts.sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : 0));
}
function verdictFor(name, instances, problems, restarts, since) {
    const status = worstStatus(problems.map((p) => p.status));
    const metrics = { instances: instances.length, restarts };
    if (since !== undefined)
        metrics.restartsSinceLastRun = since;
    const unstable = instances.reduce((s, i) => s + i.unstableRestarts, 0);
    metrics.unstableRestarts = unstable;
    const memory = instances.reduce((s, i) => s + (i.memoryBytes ?? 0), 0);
    if (instances.some((i) => i.memoryBytes !== undefined))
        metrics.memoryBytes = memory;
    const uptimes = instances.map((i) => i.uptimeMs).filter((u) => u !== undefined);
    if (uptimes.length > 0)
        metrics.uptimeMs = Math.min(...uptimes);
    const cpu = instances.map((i) => i.cpuPercent).filter((c) => c !== undefined);
    if (cpu.length > 0)
        metrics.cpuPercent = cpu.reduce((s, c) => s + c, 0);
    const worst = problems.filter((p) => p.status === status);
    const summary = problems.length === 0
        ? `${name}: online (${instances.length} instance${instances.length === 1 ? "" : "s"}, ${restarts} restarts)`
        : worst.map((p) => p.message).join("; ");
    return { app: name, status, summary, problems, instances, restarts, restartsSinceLastRun: since, metrics };
}
/** The memory the next run compares against. */
function nextHostState(verdicts, now) {
    const out = {};
    for (const v of verdicts) {
        if (v.instances.length === 0)
            continue;
        out[v.app] = { restarts: v.restarts, checkedAt: now.toISOString() };
    }
    return out;
}
/** True when the verdict has a problem that a restart or re-creation may fix. */
function needsRecovery(verdict) {
    return verdict.problems.some((p) => p.status === "fail" && RECOVERABLE.has(p.kind));
}

;// CONCATENATED MODULE: ./src/pm2/logs.ts
/** Summarising the tail of a PM2 error log: pattern counts and the most frequent distinct lines, redacted. */

const DEFAULT_LOG_PATTERNS = (/* unused pure expression or super */ null && ([
    /\b[A-Za-z]*Error\b/,
    /ECONNREFUSED/,
    /ECONNRESET/,
    /EADDRINUSE/,
    /ETIMEDOUT/,
    /ENOTFOUND/,
    /EACCES|EPERM/,
    /out of memory|heap limit|JavaScript heap|ENOMEM/i,
    /unhandled ?(?:promise )?rejection/i,
    /uncaught ?exception/i,
    /segmentation fault|segfault|SIGSEGV/i,
    /\bFATAL\b/i,
]));
const MAX_TOP_LINE = 500;
const ELLIPSIS = "…";
/** Only this much of one log line is read: a megabyte line is noise past its start. */
const SCAN_WINDOW = 64 * 1024;
const logs_ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
/**
 * Counts lines matching each pattern and ranks the distinct matching lines. A string pattern is a
 * case-insensitive regular expression (as users write them in config); an invalid one is a
 * ConfigurationError naming it. With no patterns, every non-blank line ranks.
 */
function analyzeLog(lines, patterns, redactor, top = 10) {
    const compiled = patterns.map(compilePattern);
    const counts = {};
    for (const p of compiled)
        counts[p.key] = 0;
    const groups = new Map();
    for (const raw of lines) {
        const line = scanWindow(raw);
        let matched = compiled.length === 0 && line.trim() !== "";
        for (const p of compiled) {
            if (p.re.test(line)) {
                counts[p.key] += 1;
                matched = true;
            }
        }
        if (!matched)
            continue;
        // Redact before normalising and cutting, so neither can break a secret into an unrecognisable piece.
        const key = truncate(normaliseLogLine(redactor.redact(line.replace(logs_ANSI, ""))), MAX_TOP_LINE);
        groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    // Map iteration follows first appearance, and sort is stable, so ties keep log order.
    const ranked = [...groups.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Math.max(0, top))
        .map(([line, count]) => ({ line, count }));
    return { counts, top: ranked.map((e) => e.line), topEntries: ranked };
}
/**
 * A log line reduced to what repeats: no PM2 `0|api  | ` prefix, no leading timestamp, and
 * numbers, hex and UUIDs collapsed so the same error at different times counts once.
 */
function normaliseLogLine(line) {
    let s = line.replace(/^\s*\d+\|[^|]*\|\s?/, "");
    s = s.replace(/^\s*\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?(?:Z|[+-]\d{2}:?\d{2}))?\]?:?\s*/, "");
    s = s.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>");
    s = s.replace(/\b0x[0-9a-f]+\b/gi, "<hex>");
    s = s.replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, "<hex>");
    s = s.replace(/\d+/g, "N");
    return s.trim();
}
/**
 * The last `n` lines of `text` (CRLF or LF, with or without a final newline), found from the end
 * so a huge log costs only its tail. Lines longer than `maxLineLength` are cut with an ellipsis.
 */
function lastLines(text, n, maxLineLength = Infinity) {
    if (n <= 0 || text === "")
        return [];
    let end = text.endsWith("\n") ? text.length - 1 : text.length;
    const out = [];
    while (out.length < n && end >= 0) {
        const nl = end === 0 ? -1 : text.lastIndexOf("\n", end - 1);
        let line = text.slice(nl + 1, end);
        if (line.endsWith("\r"))
            line = line.slice(0, -1);
        out.push(truncate(line, maxLineLength));
        if (nl < 0)
            break;
        end = nl;
    }
    return out.reverse();
}
/** The start of a long line, cut at a word boundary when one is near so no secret is split. */
function scanWindow(line) {
    if (line.length <= SCAN_WINDOW)
        return line;
    const boundary = line.slice(SCAN_WINDOW - 4096, SCAN_WINDOW).search(/[\s,;"'][^\s,;"']*$/);
    return line.slice(0, boundary === -1 ? SCAN_WINDOW : SCAN_WINDOW - 4096 + boundary);
}
function compilePattern(pattern) {
    if (pattern instanceof RegExp)
        return { key: pattern.source, re: new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")) };
    try {
        return { key: pattern, re: new RegExp(pattern, "i") };
    }
    catch (error) {
        if (!(error instanceof SyntaxError))
            throw error;
        throw new common_errors/* ConfigurationError */.j1(`log pattern ${JSON.stringify(pattern)} is not a valid regular expression`, {
            key: "log-patterns",
        });
    }
}
function truncate(text, max) {
    if (text.length <= max)
        return text;
    let cut = max - ELLIPSIS.length;
    // Never leave half of a surrogate pair before the marker.
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff)
        cut -= 1;
    return text.slice(0, cut) + ELLIPSIS;
}

;// CONCATENATED MODULE: ./src/pm2/remote-commands.ts
/**
 * The argv of every command run on a PM2 host. Scripts are constants; names, paths and numbers
 * travel as positional parameters, so no user or remote text is ever parsed as shell code.
 */
/**
 * Reports pm2 presence, daemon liveness (without starting one), the PM2 home, the dump, and whether
 * coreutils-style `timeout SECS CMD` works there ($4 is the bound for the jlist it may run).
 */
const PROBE_SCRIPT = [
    'h="$1"',
    'if [ -z "$h" ]; then h="${PM2_HOME:-$HOME/.pm2}"; fi',
    'if command -v "$2" >/dev/null 2>&1; then found=1; echo "pm2-bin=found"; else found=; echo "pm2-bin=missing"; fi',
    // Built-ins only up to jlist: each process started here is one more on a busy host.
    'pid=; if [ -r "$h/pm2.pid" ]; then read -r pid < "$h/pm2.pid"; fi',
    // Only a plain number is a pid: `kill -0 -1` would probe every process and say "alive".
    'case "$pid" in "" | *[!0-9]*) pid= ;; esac',
    'alive=; if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then alive=1; echo "daemon=alive";',
    'elif [ -S "$h/rpc.sock" ]; then echo "daemon=stale-socket"; else echo "daemon=down"; fi',
    'if [ -f "$h/dump.pm2" ]; then echo "dump=present"; else echo "dump=absent"; fi',
    'printf "home=%s\\n" "$h"',
    // Busybox before 1.30 wants `timeout -t SECS`; a busybox applet (a symlink beside /bin/busybox) is not used.
    // Tested with built-ins only: running `timeout` to find out would cost two processes per host.
    'bound=; if [ -n "$4" ] && command -v timeout >/dev/null 2>&1 &&',
    "  ! { [ -x /bin/busybox ] && { [ -L /usr/bin/timeout ] || [ -L /bin/timeout ]; }; }; then",
    '  bound=1; echo "timeout=usable"; fi',
    // Saves a round trip per host: jlist only runs when the daemon is alive (jlist would spawn one).
    'if [ "$3" = jlist ] && [ -n "$alive" ] && [ -n "$found" ]; then',
    '  echo "jlist-begin"',
    '  if [ -n "$bound" ]; then PM2_HOME="$h" timeout "$4" "$2" jlist; else PM2_HOME="$h" "$2" jlist; fi',
    '  printf "\\njlist-exit=%s\\n" "$?"',
    "fi",
].join("\n");
/**
 * With `withJlist`, also runs `pm2 jlist` in the same session when (and only when) the daemon is alive;
 * with `boundSeconds`, checks for `timeout` and bounds that jlist by it on the host.
 */
function probeCommand(pm2Home, pm2Bin, withJlist = false, boundSeconds) {
    const bound = boundSeconds === undefined ? "" : String(boundSeconds);
    return ["sh", "-c", PROBE_SCRIPT, "redundancy-probe", pm2Home ?? "", pm2Bin, withJlist ? "jlist" : "", bound];
}
/** Undefined when the output is not the probe's (a shell banner alone is fine, it is skipped). */
function parseProbe(stdout) {
    const values = new Map();
    let jlist;
    let head = stdout;
    const begin = stdout.indexOf("\njlist-begin\n");
    if (begin !== -1) {
        head = stdout.slice(0, begin);
        const body = stdout.slice(begin + "\njlist-begin\n".length);
        const m = /\njlist-exit=(\d+)\n?$/.exec(body);
        jlist = m ? { stdout: body.slice(0, m.index), exitCode: Number(m[1]) } : { stdout: body, exitCode: -1 };
    }
    for (const line of head.split(/\r?\n/)) {
        const m = /^(pm2-bin|daemon|dump|home|timeout)=(.*)$/.exec(line);
        if (m)
            values.set(m[1], m[2]);
    }
    const daemon = values.get("daemon");
    const home = values.get("home");
    if (!values.has("pm2-bin") || !daemon || !home)
        return undefined;
    return {
        pm2Found: values.get("pm2-bin") === "found",
        daemon: daemon === "alive" || daemon === "stale-socket" ? daemon : "down",
        dumpPresent: values.get("dump") === "present",
        home,
        remoteTimeout: values.get("timeout") === "usable",
        ...(jlist ? { jlist } : {}),
    };
}
function pm2Command(home, pm2Bin, args) {
    return ["env", `PM2_HOME=${home}`, pm2Bin, ...args];
}
/**
 * Ends argv on the host after `seconds` (coreutils `timeout`, whole process group): closing the SSH
 * session does not stop a remote command, so one cut off by our own timeout would run on.
 */
function boundedCommand(seconds, argv) {
    return ["timeout", String(seconds), ...argv];
}
/** Cuts every output line to `width` bytes on the host: a log line may be megabytes long. */
function cappedCommand(width, argv) {
    return ["sh", "-c", 'w="$1"; shift; "$@" | cut -c "1-$w"', "redundancy-cap", String(width), ...argv];
}
/** System trees no app log belongs in; a path there from `pm2 jlist` is not read into a report. */
const NOT_LOG_TREES = ["/etc", "/proc", "/sys", "/dev", "/boot", "/run/secrets", "/var/run/secrets"];
/**
 * Why a log path reported by `pm2 jlist` is not read, or undefined when it may be: the path comes
 * from the remote side, and what we read may end up in a public job log.
 */
function unreadableLogPath(path) {
    if (!path.startsWith("/"))
        return "not an absolute path";
    if (/[\x00-\x1f\x7f]/.test(path))
        return "holds control characters";
    const segments = path.split("/");
    if (segments.some((s) => s === ".." || s === "."))
        return "holds . or .. segments";
    if (NOT_LOG_TREES.some((tree) => path === tree || path.startsWith(`${tree}/`)))
        return "is in a system directory";
    if (segments.some((s) => s === ".ssh" || s === ".gnupg"))
        return "is in a key directory";
    return undefined;
}
function tailCommand(path, lines) {
    return ["tail", "-n", String(lines), "--", path];
}
function catCommand(path) {
    return ["cat", "--", path];
}
/** Runs argv from a directory (PM2 resolves an ecosystem's relative script paths from there). */
function inDirectory(dir, argv) {
    return ["sh", "-c", 'cd -- "$1" && shift && exec "$@"', "redundancy-cd", dir, ...argv];
}
function dirnameOf(path) {
    const i = path.lastIndexOf("/");
    if (i === -1)
        return ".";
    return i === 0 ? "/" : path.slice(0, i);
}

;// CONCATENATED MODULE: ./src/pm2/host-check.ts







/** The connection broke or never came up: the host's results are `unknown`. */
class TransportError extends Error {
}
/** pm2 could not answer in a way we can use: the host's results are `unknown` or `fail`. */
class Pm2Error extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
const LOG_WIDTH = 4096;
const SLOW_WORDS = /not found|no such file|cannot execute|permission denied/i;
/** Checks one host, recovers what it may, and never throws for anything the host did. */
async function checkHost(shell, host, run, previous, deps) {
    const check = new HostCheck(shell, host, run, previous, deps);
    return check.execute();
}
/** Only the backup material of one host (ecosystem file and dump.pm2, redacted); changes nothing. */
async function fetchHostBackup(shell, host, run, deps) {
    const check = new HostCheck(shell, host, run, undefined, deps);
    return check.execute(true);
}
class HostCheck {
    shell;
    host;
    run;
    previous;
    deps;
    home = "";
    probeStderr = "";
    hostDetails = [];
    hostRecovery = [];
    appResults = new Map();
    backup = [];
    expected = [];
    ecosystemApps = new Set();
    ecosystemErrors = 0;
    state;
    canAct;
    /** Set by the probe: remote commands get a `timeout` of their own on the host. */
    remoteTimeout = false;
    /** The host budget as the transport counts it (it started just before this check). */
    deadline;
    constructor(shell, host, run, previous, deps) {
        this.shell = shell;
        this.host = host;
        this.run = run;
        this.previous = previous;
        this.deps = deps;
        this.canAct = run.autoRecovery && !run.dryRun;
        this.deadline = Date.now() + run.hostTimeout;
    }
    get name() {
        return this.host.name;
    }
    async execute(backupOnly = false) {
        let hostStatus;
        let hostSummary;
        try {
            const outcome = backupOnly ? await this.backupOnly() : await this.inspect();
            hostStatus = outcome.status;
            hostSummary = outcome.summary;
            if (this.ecosystemErrors > 0) {
                hostStatus = worstStatus([hostStatus, "warn"]);
                const n = this.ecosystemErrors;
                hostSummary += `; ecosystem file ${this.host.ecosystemFile ?? ""} has ${n} error${n === 1 ? "" : "s"} (see details)`;
            }
        }
        catch (error) {
            if (error instanceof TransportError) {
                hostStatus = "unknown";
                hostSummary = error.message;
            }
            else if (error instanceof Pm2Error) {
                hostStatus = error.status;
                hostSummary = error.message;
            }
            else {
                throw error;
            }
        }
        const hostResult = {
            id: `pm2/${this.name}`,
            kind: "pm2",
            status: hostStatus,
            summary: hostSummary,
            details: this.hostDetails,
        };
        if (this.hostRecovery.length > 0)
            hostResult.recovery = this.hostRecovery;
        const results = [hostResult, ...[...this.appResults.values()]].map((r) => this.deps.redactor.redactData(r));
        return { host: this.name, results, state: this.state, backup: this.backup };
    }
    /** Runs a command; a broken connection becomes a TransportError naming the host and the step. */
    async exec(argv, what, maxOutputBytes) {
        const remote = this.remoteTimeout ? boundedCommand(this.remoteBoundSeconds(), argv) : argv;
        const result = await this.shell.run(remote, { maxOutputBytes });
        const failure = this.shell.transportFailure(result);
        if (failure)
            throw new TransportError(`${failure} [during ${what}]`);
        return result;
    }
    /** A second past the bound the transport applies here: our side reports the timeout, the host only cleans up. */
    remoteBoundSeconds() {
        const left = Math.max(0, Math.min(this.run.commandTimeout, this.deadline - Date.now()));
        return Math.ceil(left / 1000) + 1;
    }
    pm2(args) {
        return pm2Command(this.home, this.host.pm2Bin, args);
    }
    async probe(withJlist = false) {
        const argv = probeCommand(this.host.pm2Home, this.host.pm2Bin, withJlist, this.remoteBoundSeconds());
        const result = await this.exec(argv, "daemon check");
        this.probeStderr = result.stderr;
        const probe = parseProbe(result.stdout);
        if (!probe) {
            const why = this.deps.redactor.redact((result.stderr || result.stdout).trim().split("\n")[0] ?? "");
            throw new Pm2Error(`${this.name}: the host's shell did not answer the PM2 daemon check (${why})`, "unknown");
        }
        this.home = probe.home;
        this.remoteTimeout = probe.remoteTimeout;
        if (probe.jlist)
            this.registerSecrets(probe.jlist.stdout);
        return probe;
    }
    /** Every env value of every app becomes a secret before any text from the host is reported; names stay readable. */
    registerSecrets(jlistText) {
        addEnvSecretsTo(this.deps.redactor, jlistText, [this.host.name, this.host.host]);
    }
    pm2Missing(detail) {
        return new Pm2Error(`${this.name}: pm2 not runnable as '${this.host.pm2Bin}' (${detail}); non-interactive SSH sessions get a minimal PATH: set pm2-bin to the absolute path of pm2 (or of a wrapper that finds node)`, "fail");
    }
    async inspect() {
        let probe = await this.probe(true);
        const early = probe.jlist;
        if (!probe.pm2Found)
            throw this.pm2Missing("command not found");
        await this.loadExpectations();
        let resurrected = false;
        let hostStatus = "ok";
        let summary = `${this.name}: PM2 daemon running`;
        if (probe.daemon !== "alive") {
            const why = probe.daemon === "stale-socket" ? "its socket exists but no live pm2.pid" : "no live pm2.pid";
            this.hostDetails.push(`PM2 daemon is not running in ${probe.home} (${why})`);
            const step = await this.resurrect("the daemon was down");
            if (step) {
                resurrected = true;
                probe = await this.probe();
                step.ok = probe.daemon === "alive";
                if (!step.ok)
                    step.detail += "; the daemon is still not running";
            }
            if (probe.daemon !== "alive") {
                for (const app of this.expected) {
                    this.setApp(app, "fail", `${app}: not running (the PM2 daemon on ${this.name} is down)`, []);
                }
                return { status: "fail", summary: `${this.name}: PM2 daemon is not running` };
            }
            hostStatus = "warn";
            summary = `${this.name}: PM2 daemon was down; resurrected`;
        }
        let list = early && !resurrected ? this.readJlist({ ...early, stderr: this.probeStderr }, "pm2 jlist") : await this.jlist();
        if (list.length === 0 && !resurrected && probe.dumpPresent) {
            this.hostDetails.push("PM2 process list is empty while a saved dump exists");
            const step = await this.resurrect("the process list was empty");
            if (step) {
                list = await this.jlist();
                step.ok = list.length > 0;
                if (!step.ok)
                    step.detail += "; the list is still empty";
                if (step.ok) {
                    hostStatus = "warn";
                    summary = `${this.name}: PM2 process list was empty; resurrected`;
                }
            }
        }
        const verdicts = evaluateApps(list, this.expected, this.host, this.previous);
        const finalApps = new Map();
        for (const verdict of verdicts) {
            const details = verdict.problems.map((p) => p.message);
            if (verdict.status === "fail")
                details.push(...(await this.logEvidence(verdict)));
            if (!needsRecovery(verdict)) {
                this.appResult(verdict, verdict.status, verdict.summary, details, undefined);
                finalApps.set(verdict.app, verdict.instances);
                continue;
            }
            const recovered = await this.recoverApp(verdict, details);
            finalApps.set(verdict.app, recovered.instances);
        }
        this.state = nextHostState(evaluateApps([...finalApps.values()].flat(), [], this.host, undefined), this.deps.now());
        await this.collectDump(probe);
        return { status: hostStatus, summary };
    }
    async backupOnly() {
        const probe = await this.probe();
        await this.loadExpectations();
        await this.collectDump(probe);
        return {
            status: "ok",
            summary: `${this.name}: ${this.backup.length} backup file${this.backup.length === 1 ? "" : "s"} fetched`,
        };
    }
    async loadExpectations() {
        const expected = new Set(this.host.apps);
        const file = this.host.ecosystemFile;
        if (file) {
            const result = await this.exec(catCommand(file), "reading the ecosystem file", 4 * 1024 * 1024);
            if (result.exitCode !== 0) {
                this.hostDetails.push(`ecosystem file ${file} not readable: ${this.deps.redactor.redact(result.stderr.trim().split("\n")[0] ?? "")}`);
            }
            else {
                const read = readExpectedApps(file, result.stdout, this.deps.redactor);
                this.ecosystemErrors = read.errors;
                for (const name of read.names) {
                    expected.add(name);
                    this.ecosystemApps.add(name);
                }
                this.hostDetails.push(...read.notes);
                this.backup.push(...read.backup.map((e) => ({ ...e, path: `pm2/${safeSegment(this.name)}/${e.path}` })));
            }
        }
        this.expected = [...expected];
    }
    async jlist() {
        const result = await this.exec(this.pm2(["jlist"]), "pm2 jlist");
        return this.readJlist({ stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1 }, "pm2 jlist");
    }
    readJlist(result, what) {
        if (result.exitCode === 127 || (result.exitCode !== 0 && SLOW_WORDS.test(result.stderr))) {
            throw this.pm2Missing(this.firstLine(result.stderr) || `exit ${result.exitCode}`);
        }
        if (result.exitCode !== 0) {
            throw new Pm2Error(`${this.name}: ${what} failed (exit ${result.exitCode}): ${this.firstLine(result.stderr)}`, "unknown");
        }
        this.registerSecrets(result.stdout);
        const parsed = parseJlist(result.stdout, this.deps.now().getTime(), this.deps.redactor);
        if (!parsed.ok)
            throw new Pm2Error(`${this.name}: cannot read pm2 jlist: ${parsed.error}`, "unknown");
        for (const note of parsed.notes)
            this.deps.logger.debug(`${this.name}: jlist: ${note}`);
        return parsed.apps;
    }
    firstLine(text) {
        const line = text.trim().split(/\r?\n/)[0] ?? "";
        return this.deps.redactor.redact(line.length > 300 ? `${line.slice(0, 300)}…` : line);
    }
    /** `pm2 resurrect`, or what it would do; undefined when nothing was run. */
    async resurrect(reason) {
        if (!this.canAct) {
            this.hostDetails.push(`${this.run.dryRun ? "dry run" : "auto-recovery off"}: would run pm2 resurrect (${reason})`);
            return undefined;
        }
        const result = await this.exec(this.pm2(["resurrect"]), "pm2 resurrect");
        const step = {
            action: "pm2 resurrect",
            ok: result.exitCode === 0,
            detail: result.exitCode === 0 ? reason : `${reason}; exit ${result.exitCode}: ${this.firstLine(result.stderr)}`,
        };
        this.hostRecovery.push(step);
        if (result.exitCode === 0)
            await this.deps.sleep(this.run.settleTime);
        return step;
    }
    async logEvidence(verdict) {
        const instance = verdict.instances[0];
        if (!instance || this.host.logLines <= 0)
            return [];
        const refused = instance.errorLogPath === undefined ? undefined : unreadableLogPath(instance.errorLogPath);
        if (refused) {
            // pm2 logs would read the same file: nothing is read.
            return [`error log not read: the path pm2 jlist gives for it ${refused}`];
        }
        const source = instance.errorLogPath
            ? tailCommand(instance.errorLogPath, this.host.logLines)
            : this.pm2([
                "logs",
                String(instance.pmId),
                "--nostream",
                "--err",
                "--lines",
                String(this.host.logLines),
                "--raw",
            ]);
        const result = await this.exec(cappedCommand(LOG_WIDTH, source), `reading ${verdict.app}'s error log`);
        if (result.exitCode !== 0 && result.stdout === "") {
            return [`error log not readable: ${this.firstLine(result.stderr)}`];
        }
        const lines = result.stdout.split(/\r?\n/).filter((l) => l.trim() !== "");
        if (lines.length === 0)
            return ["error log is empty"];
        const analysis = analyzeLog(lines, this.host.logPatterns, this.deps.redactor, 5);
        const counts = Object.entries(analysis.counts)
            .filter(([, n]) => n > 0)
            .map(([p, n]) => `${p}: ${n}`);
        const max = this.run.maxLogLineLength;
        return [
            `last ${lines.length} error log lines${counts.length > 0 ? `; matches: ${counts.join(", ")}` : "; no pattern matched"}`,
            ...analysis.top.map((line) => {
                const clean = this.deps.redactor.redact(line);
                return `log: ${clean.length > max ? `${clean.slice(0, max)}…` : clean}`;
            }),
        ];
    }
    /** The recovery ladder for one app; sets its result and returns the app as last seen. */
    async recoverApp(verdict, details) {
        const steps = this.ladder(verdict);
        if (!this.canAct) {
            const mode = this.run.dryRun ? "dry run" : "auto-recovery off";
            const plan = steps.slice(0, this.run.maxRestartAttempts).map((s) => s.action);
            details.push(plan.length > 0 ? `${mode}: would run ${plan.join(", then ")}` : `${mode}: no recovery step applies`);
            this.appResult(verdict, "fail", verdict.summary, details, undefined);
            return { instances: verdict.instances };
        }
        const recovery = [];
        let last = verdict.instances;
        for (const step of steps.slice(0, this.run.maxRestartAttempts)) {
            const outcome = await step.perform();
            if (!outcome.ok) {
                recovery.push({ action: step.action, ok: false, detail: outcome.detail });
                continue;
            }
            const verified = await this.verify(verdict.app);
            last = verified.instances;
            recovery.push({ action: step.action, ok: verified.ok, detail: verified.detail });
            if (verified.ok) {
                this.appResult({ ...verdict, instances: last }, "warn", `${verdict.app}: recovered by ${step.action} (was: ${verdict.summary})`, details, recovery);
                return { instances: last };
            }
        }
        const tried = recovery.length;
        recovery.push({
            action: "give up",
            ok: false,
            detail: steps.length === 0
                ? `no recovery step applies to ${verdict.app} (not in the ecosystem file, or a name pm2 --only cannot select); escalate`
                : `still failing after ${tried} recovery attempt${tried === 1 ? "" : "s"} (max-restart-attempts ${this.run.maxRestartAttempts}); escalate`,
        });
        this.appResult({ ...verdict, instances: last }, "fail", `${verdict.summary} (recovery failed)`, details, recovery);
        return { instances: last };
    }
    ladder(verdict) {
        const ids = verdict.instances.map((i) => String(i.pmId));
        const steps = [];
        const file = this.host.ecosystemFile;
        if (ids.length > 0) {
            steps.push({
                action: `pm2 restart ${ids.join(" ")}`,
                perform: () => this.runAll(ids.map((id) => this.pm2(["restart", id]))),
            });
        }
        // pm2 splits --only on commas and spaces: such a name cannot be selected from the file.
        if (file && this.ecosystemApps.has(verdict.app) && !/[\s,]/.test(verdict.app)) {
            // One token: a name such as -f or --help can never be read as a flag of its own.
            const start = inDirectory(dirnameOf(file), this.pm2(["start", `./${basenameOf(file)}`, `--only=${verdict.app}`]));
            steps.push({
                action: `${ids.length > 0 ? `pm2 delete ${ids.join(" ")} + ` : ""}pm2 start ${file} --only ${verdict.app}`,
                perform: () => this.runAll([...ids.map((id) => this.pm2(["delete", id])), start]),
            });
        }
        return steps;
    }
    async runAll(commands) {
        for (const argv of commands) {
            const result = await this.exec(argv, "recovery");
            if (result.exitCode !== 0) {
                return { ok: false, detail: `exit ${result.exitCode}: ${this.firstLine(result.stderr || result.stdout)}` };
            }
        }
        return { ok: true, detail: "" };
    }
    /** Claims success only when the app stays online, without restarting, across the settle time. */
    async verify(app) {
        const before = (await this.jlist()).filter((a) => a.name === app);
        await this.deps.sleep(this.run.settleTime);
        const after = (await this.jlist()).filter((a) => a.name === app);
        const restartsBefore = before.reduce((s, a) => s + a.restarts, 0);
        const restartsAfter = after.reduce((s, a) => s + a.restarts, 0);
        const settle = (0,units/* formatDuration */.a3)(this.run.settleTime);
        if (after.length === 0)
            return { ok: false, detail: `${app} is not in the process list afterwards`, instances: after };
        const notOnline = after.filter((a) => a.status !== "online");
        if (notOnline.length > 0) {
            return {
                ok: false,
                detail: `after ${settle}: ${notOnline.map((a) => `${a.name}[${a.pmId}] ${a.status}`).join(", ")}`,
                instances: after,
            };
        }
        if (restartsAfter > restartsBefore) {
            return {
                ok: false,
                detail: `restarted ${restartsAfter - restartsBefore} more times within ${settle}`,
                instances: after,
            };
        }
        return { ok: true, detail: `online and stable for ${settle}`, instances: after };
    }
    appResult(verdict, status, summary, details, recovery) {
        const metrics = verdict.instances.length > 0 ? metricsOf(verdict.instances, verdict) : verdict.metrics;
        const result = {
            id: `pm2/${this.name}/${verdict.app}`,
            kind: "pm2",
            status,
            summary,
            details,
            metrics,
        };
        if (recovery)
            result.recovery = recovery;
        this.appResults.set(verdict.app, result);
    }
    setApp(app, status, summary, details) {
        this.appResults.set(app, { id: `pm2/${this.name}/${app}`, kind: "pm2", status, summary, details });
    }
    async collectDump(probe) {
        if (!probe.dumpPresent)
            return;
        const path = `${probe.home}/dump.pm2`;
        const result = await this.exec(catCommand(path), "reading dump.pm2", 16 * 1024 * 1024);
        if (result.exitCode !== 0) {
            this.hostDetails.push(`dump.pm2 not readable: ${this.firstLine(result.stderr)}`);
            return;
        }
        const entries = redactedBackupEntries("dump.pm2", result.stdout, this.deps.redactor);
        this.backup.push(...entries.backup.map((e) => ({ ...e, path: `pm2/${safeSegment(this.name)}/${e.path}` })));
        this.hostDetails.push(...entries.notes);
    }
}
function basenameOf(path) {
    const i = path.lastIndexOf("/");
    return i === -1 ? path : path.slice(i + 1);
}
function metricsOf(instances, verdict) {
    const out = { ...verdict.metrics, instances: instances.length };
    out.restarts = instances.reduce((s, i) => s + i.restarts, 0);
    if (instances.some((i) => i.memoryBytes !== undefined)) {
        out.memoryBytes = instances.reduce((s, i) => s + (i.memoryBytes ?? 0), 0);
    }
    const uptimes = instances.map((i) => i.uptimeMs).filter((u) => u !== undefined);
    if (uptimes.length > 0)
        out.uptimeMs = Math.min(...uptimes);
    else
        delete out.uptimeMs;
    return out;
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/common/exec.ts

const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;
/**
 * Runs a program without a shell, captures stdout and stderr separately, enforces a timeout,
 * and logs the command line only after redaction.
 */
const execCommand = (command, args, options = {}) => {
    const { logger, redactor } = options;
    const max = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    const shown = [command, ...args].map(quoteForLog).join(" ");
    logger?.debug(`exec: ${redactor ? redactor.redact(shown) : shown}`);
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(command, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: ["pipe", "pipe", "pipe"],
            detached: options.timeoutMs !== undefined,
        });
        const kill = (signal) => {
            if (options.timeoutMs !== undefined && child.pid !== undefined) {
                try {
                    process.kill(-child.pid, signal);
                    return;
                }
                catch (error) {
                    // ESRCH: the group is already gone; anything else: fall back to the child alone.
                    if (typeof error === "object" && error !== null && "code" in error && error.code === "ESRCH")
                        return;
                }
            }
            child.kill(signal);
        };
        const out = [];
        const err = [];
        let outBytes = 0;
        let errBytes = 0;
        let truncated = false;
        let timedOut = false;
        let killTimer;
        const timer = options.timeoutMs !== undefined
            ? setTimeout(() => {
                timedOut = true;
                kill("SIGTERM");
                killTimer = setTimeout(() => kill("SIGKILL"), 2000);
            }, options.timeoutMs)
            : undefined;
        child.stdout.on("data", (chunk) => {
            if (outBytes < max)
                out.push(chunk.subarray(0, max - outBytes));
            else
                truncated = true;
            outBytes += chunk.length;
            if (outBytes > max)
                truncated = true;
        });
        child.stderr.on("data", (chunk) => {
            if (errBytes < max)
                err.push(chunk.subarray(0, max - errBytes));
            else
                truncated = true;
            errBytes += chunk.length;
            if (errBytes > max)
                truncated = true;
        });
        child.on("error", (error) => {
            if (timer)
                clearTimeout(timer);
            if (killTimer)
                clearTimeout(killTimer);
            if (error.code === "ENOENT") {
                resolve({
                    exitCode: 127,
                    signal: null,
                    stdout: "",
                    stderr: `${command}: command not found`,
                    timedOut: false,
                    truncated: false,
                    durationMs: Date.now() - started,
                });
            }
            else {
                reject(error);
            }
        });
        let drainTimer;
        child.on("exit", () => {
            // A process outside our group (ssh's ControlMaster holds a mux client's fds) can keep the pipes open for good.
            if (timedOut) {
                drainTimer = setTimeout(() => {
                    child.stdout.destroy();
                    child.stderr.destroy();
                }, 200);
            }
        });
        child.on("close", (code, signal) => {
            if (timer)
                clearTimeout(timer);
            if (killTimer)
                clearTimeout(killTimer);
            if (drainTimer)
                clearTimeout(drainTimer);
            resolve({
                exitCode: code,
                signal,
                stdout: Buffer.concat(out).toString("utf8"),
                stderr: Buffer.concat(err).toString("utf8"),
                timedOut,
                truncated,
                durationMs: Date.now() - started,
            });
        });
        child.stdin.on("error", () => {
            // The program may exit before reading its input (EPIPE); its exit status says what happened.
        });
        child.stdin.end(options.input ?? "");
    });
};
function quoteForLog(arg) {
    return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

;// CONCATENATED MODULE: ./src/common/shell-quote.ts
/** Quotes one argument for a POSIX shell so it always stays one word, whatever it holds. */
function shellQuote(arg) {
    if (arg === "")
        return "''";
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg))
        return arg;
    return `'${arg.replace(/'/g, `'\\''`)}'`;
}
/** Builds a remote command line from argv; never paste user text into a command string. */
function shellJoin(argv) {
    return argv.map(shellQuote).join(" ");
}

;// CONCATENATED MODULE: ./src/pm2/transport.ts





function timeLeft(options, requested) {
    const wanted = requested ?? options.commandTimeout;
    if (options.deadline === undefined)
        return wanted;
    return Math.min(wanted, options.deadline - Date.now());
}
function expired(durationMs = 0) {
    return {
        exitCode: null,
        signal: null,
        stdout: "",
        stderr: "",
        timedOut: true,
        truncated: false,
        durationMs,
    };
}
/** Runs the same commands through `sh -c` on this machine. */
class LocalTransport {
    hostName;
    options;
    constructor(hostName, options) {
        this.hostName = hostName;
        this.options = options;
    }
    async run(argv, opts = {}) {
        const timeoutMs = timeLeft(this.options, opts.timeoutMs);
        if (timeoutMs <= 0)
            return expired();
        const runner = this.options.runner ?? execCommand;
        return runner("sh", ["-c", shellJoin(argv)], {
            timeoutMs,
            maxOutputBytes: opts.maxOutputBytes,
            logger: this.options.logger,
            redactor: this.options.redactor,
        });
    }
    transportFailure(result) {
        return result.timedOut ? `${this.hostName}: command timed out` : undefined;
    }
    async close() { }
}
/** A file path as an ssh option value: ssh expands `%` tokens in these, and splits on blanks. */
function configValue(value) {
    const literal = value.replace(/%/g, "%%");
    return /\s/.test(literal) ? `"${literal.replace(/"/g, "")}"` : literal;
}
/**
 * OpenSSH client with strict host keys and one multiplexed connection per host.
 * ssh keeps the first value of each option, so ours come before anything else.
 */
class SshTransport {
    host;
    options;
    hostName;
    controlPath;
    configFile;
    constructor(host, options) {
        this.host = host;
        this.options = options;
        this.hostName = host.name;
        this.controlPath = (0,external_node_path_.join)(options.controlDir, options.controlName);
    }
    /** The `-o` options shared by every connection, the jump host's included. */
    securityOptions() {
        const h = this.host;
        const opts = [["BatchMode", "yes"]];
        if (h.insecureSkipHostKeyCheck) {
            opts.push(["StrictHostKeyChecking", "no"], ["UserKnownHostsFile", "/dev/null"]);
        }
        else {
            opts.push(["StrictHostKeyChecking", "yes"]);
            if (h.knownHostsFile) {
                opts.push(["UserKnownHostsFile", configValue(h.knownHostsFile)], ["GlobalKnownHostsFile", "/dev/null"]);
            }
        }
        if (h.identityFile)
            opts.push(["IdentitiesOnly", "yes"], ["IdentityFile", configValue(h.identityFile)]);
        opts.push(["ConnectTimeout", String(Math.max(1, Math.ceil(this.options.connectTimeout / 1000)))], ["ServerAliveInterval", "15"], ["ServerAliveCountMax", "2"], ["LogLevel", "ERROR"]);
        return opts;
    }
    /** Full ssh argv for one remote command line. */
    sshArgs(remoteCommand) {
        const args = [];
        for (const [k, v] of this.securityOptions())
            args.push("-o", `${k}=${v}`);
        args.push("-o", "ControlMaster=auto", "-o", `ControlPath=${this.controlPath}`, "-o", "ControlPersist=60");
        if (this.host.jumpHost) {
            args.push("-o", `ProxyJump=${this.host.jumpHost}`, "-F", this.jumpConfig());
        }
        else {
            // Our own (empty of surprises) config file: the user's ~/.ssh/config cannot weaken the options above.
            args.push("-F", "/dev/null");
        }
        args.push("-p", String(this.host.port));
        if (this.host.user)
            args.push("-l", this.host.user);
        args.push("--", this.host.host, remoteCommand);
        return args;
    }
    /** ProxyJump's inner ssh reads only -F, not our -o: the same options go in a config file for it. */
    jumpConfig() {
        if (!this.configFile) {
            this.configFile = (0,external_node_path_.join)(this.options.controlDir, `${this.options.controlName}.config`);
            const lines = ["Host *", ...this.securityOptions().map(([k, v]) => `  ${k} ${v}`)];
            (0,external_node_fs_.writeFileSync)(this.configFile, lines.join("\n") + "\n", { mode: 0o600 });
        }
        return this.configFile;
    }
    async run(argv, opts = {}) {
        const timeoutMs = timeLeft(this.options, opts.timeoutMs);
        if (timeoutMs <= 0)
            return expired();
        const runner = this.options.runner ?? execCommand;
        return runner(this.options.sshBin ?? "ssh", this.sshArgs(shellJoin(argv)), {
            timeoutMs,
            maxOutputBytes: opts.maxOutputBytes,
            logger: this.options.logger,
            redactor: this.options.redactor,
        });
    }
    transportFailure(result) {
        const where = `${this.host.name} (${this.host.user ? `${this.host.user}@` : ""}${this.host.host}:${this.host.port})`;
        if (result.timedOut)
            return `${where}: timed out (connect or command)`;
        if (result.exitCode !== 255)
            return undefined;
        const via = this.host.jumpHost
            ? ` (via jump host ${this.host.jumpHost}: its host key must be in known-hosts too)`
            : "";
        return `${where}: ${describeSshError(result.stderr)}${via}`;
    }
    async close() {
        if (!(0,external_node_fs_.existsSync)(this.controlPath))
            return;
        // Spoken over the socket, the request costs no process; `ssh -O exit` remains for a master that does not answer.
        if (await stopControlMaster(this.controlPath, 5000))
            return;
        const runner = this.options.runner ?? execCommand;
        const result = await runner(this.options.sshBin ?? "ssh", ["-o", `ControlPath=${this.controlPath}`, "-F", "/dev/null", "-O", "exit", "--", this.host.host], { timeoutMs: 5000, logger: this.options.logger });
        if (result.exitCode !== 0 && (0,external_node_fs_.existsSync)(this.controlPath)) {
            this.options.logger.debug(`${this.host.name}: ssh -O exit: ${result.stderr.trim()}`);
        }
    }
}
/** ssh's stderr (exit 255) turned into the reason a person needs. */
function describeSshError(stderr) {
    const text = stderr.trim();
    const first = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
    if (/host key verification failed|no \S+ host key is known|REMOTE HOST IDENTIFICATION HAS CHANGED/i.test(text)) {
        return "host key not trusted (unknown or changed host key; add the verified key to known-hosts); no command was run";
    }
    if (/permission denied/i.test(text))
        return `authentication failed (${first})`;
    if (/connection refused/i.test(text))
        return "unreachable: connection refused";
    if (/timed out|timeout/i.test(text))
        return `connect timeout (${first})`;
    if (/could not resolve hostname|name or service not known/i.test(text))
        return `unknown host name (${first})`;
    if (/no route to host|network is unreachable/i.test(text))
        return `unreachable (${first})`;
    if (/connection (closed|reset)|broken pipe|kex_exchange_identification|lost connection/i.test(text)) {
        return `connection lost (${first})`;
    }
    return `ssh failed${first ? ` (${first})` : " (exit 255)"}`;
}
const MUX_MSG_HELLO = 0x00000001;
const MUX_C_TERMINATE = 0x10000005;
const MUX_S_OK = 0x80000001;
const MUX_PROTOCOL_VERSION = 4;
function muxPacket(...words) {
    const packet = Buffer.alloc(4 + 4 * words.length);
    packet.writeUInt32BE(4 * words.length, 0);
    words.forEach((w, i) => packet.writeUInt32BE(w, 4 + 4 * i));
    return packet;
}
/**
 * What `ssh -O exit` does, through the master's control socket (OpenSSH's PROTOCOL.mux: a hello
 * each way, then MUX_C_TERMINATE). The master answers MUX_S_OK or, as ssh's own client accepts,
 * exits before its answer is sent. Resolves false, never rejects, when it does neither after its
 * hello: the caller falls back to `ssh -O exit`.
 */
function stopControlMaster(controlPath, timeoutMs) {
    return new Promise((resolve) => {
        const socket = (0,external_node_net_.createConnection)({ path: controlPath });
        let received = Buffer.alloc(0);
        let helloSeen = false;
        const finish = (ok) => {
            clearTimeout(timer);
            socket.destroy();
            resolve(ok);
        };
        const timer = setTimeout(() => finish(false), timeoutMs);
        socket.once("error", () => finish(helloSeen));
        socket.once("close", () => finish(helloSeen));
        socket.on("connect", () => {
            socket.write(Buffer.concat([muxPacket(MUX_MSG_HELLO, MUX_PROTOCOL_VERSION), muxPacket(MUX_C_TERMINATE, 1)]));
        });
        socket.on("data", (chunk) => {
            received = Buffer.concat([received, chunk]);
            while (received.length >= 8) {
                const length = received.readUInt32BE(0);
                if (received.length < 4 + length)
                    return;
                const type = received.readUInt32BE(4);
                const body = received.subarray(8, 4 + length);
                received = received.subarray(4 + length);
                if (!helloSeen) {
                    if (type !== MUX_MSG_HELLO)
                        return finish(false);
                    helloSeen = true;
                }
                else {
                    return finish(type === MUX_S_OK && body.length >= 4 && body.readUInt32BE(0) === 1);
                }
            }
        });
    });
}

;// CONCATENATED MODULE: ./src/pm2/check.ts







const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function defaultShell(host, options) {
    if (host.transport === "local")
        return new LocalTransport(host.name, options);
    return new SshTransport(host, { ...options, controlName: `c${options.index}` });
}
/**
 * Checks every host, at most `concurrency` at a time. Each host has its own time budget; a host
 * that is dead, slow or refuses us yields `unknown` results naming it and never holds up the rest.
 */
async function checkPm2(settings, previous, deps) {
    return runHosts(settings, previous, deps, false);
}
/**
 * The backup material of every host for the backup issue: each host's ecosystem file and
 * `dump.pm2` as `{path, content}` with every environment value redacted. Checks and changes nothing;
 * `results` says per host what could not be fetched.
 */
async function fetchPm2Backup(settings, deps) {
    const report = await runHosts(settings, emptyState(), deps, true);
    return { backup: report.backup, results: report.results };
}
async function runHosts(settings, previous, deps, backupOnly) {
    const { logger } = deps;
    const sleep = deps.sleep ?? realSleep;
    const now = deps.now ?? (() => new Date());
    // Unix socket paths are limited to ~100 bytes: keep the control directory short.
    const controlDir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)().length > 40 ? "/tmp" : (0,external_node_os_.tmpdir)(), "rdy-"));
    for (const host of settings.hosts) {
        if (host.insecureSkipHostKeyCheck && host.transport === "ssh") {
            logger.warning(`INSECURE: host key checking is OFF for ${host.name} (insecure-skip-host-key-check); anyone on the path can impersonate it`, { key: host.name });
        }
    }
    const outcomes = new Array(settings.hosts.length);
    let next = 0;
    const worker = async () => {
        while (next < settings.hosts.length) {
            const index = next;
            next += 1;
            outcomes[index] = await checkOneHost(settings.hosts[index], index);
        }
    };
    const checkOneHost = async (host, index) => {
        const deadline = Date.now() + settings.hostTimeout;
        const shell = (deps.shellFor ?? defaultShell)(host, {
            logger,
            redactor: deps.redactor,
            commandTimeout: settings.commandTimeout,
            connectTimeout: settings.connectTimeout,
            deadline,
            controlDir,
            index,
        });
        try {
            const hostDeps = { logger, redactor: deps.redactor, sleep, now };
            return backupOnly
                ? await fetchHostBackup(shell, host, settings, hostDeps)
                : await checkHost(shell, host, settings, previous.hosts[host.name], hostDeps);
        }
        catch (error) {
            // A bug in one host's check must not cost the other hosts their results; it is logged with its stack.
            logger.error(`${host.name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
            return {
                host: host.name,
                results: [
                    {
                        id: `pm2/${host.name}`,
                        kind: "pm2",
                        status: "unknown",
                        summary: deps.redactor.redact(`${host.name}: check failed: ${(0,common_errors/* errorMessage */.gJ)(error)}`),
                        details: [],
                    },
                ],
                backup: [],
            };
        }
        finally {
            // The slot goes to the next host at once; the master connection closes meanwhile.
            closing.push(shell.close());
        }
    };
    const closing = [];
    try {
        await Promise.all(Array.from({ length: Math.max(1, Math.min(settings.concurrency, settings.hosts.length)) }, worker));
    }
    finally {
        try {
            await Promise.all(closing);
        }
        finally {
            (0,external_node_fs_.rmSync)(controlDir, { recursive: true, force: true });
        }
    }
    const state = { version: 1, hosts: { ...previous.hosts } };
    for (const outcome of outcomes) {
        if (outcome.state)
            state.hosts[outcome.host] = outcome.state;
    }
    return {
        results: outcomes.flatMap((o) => o.results),
        state,
        backup: outcomes.flatMap((o) => o.backup),
    };
}

;// CONCATENATED MODULE: ./src/pm2/settings.ts
/** The typed settings the PM2 check runs on, whether they came from inputs, config or the CLI. */

const settings_DEFAULT_LOG_PATTERNS = ["Error", "ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND", "Unhandled", "FATAL"];
const PM2_DEFAULTS = {
    port: 22,
    pm2Bin: "pm2",
    concurrency: 8,
    connectTimeout: 10_000,
    commandTimeout: 60_000,
    hostTimeout: 120_000,
    autoRecovery: true,
    maxRestartAttempts: 3,
    settleTime: 3_000,
    logLines: 50,
    maxLogLineLength: 300,
    maxRestarts: 10,
    minUptime: 10_000,
    maxLaunching: 60_000,
};
const HOST = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9]+)?)$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const JUMP = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*@)?(?:[A-Za-z0-9_][A-Za-z0-9._-]*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
/**
 * Host, user and jump host go to ssh, which pastes a jump host into a shell command line
 * (its ProxyCommand): only plain names and addresses pass, never a leading `-` or a shell character.
 */
function checkSshTarget(host, origin = {}) {
    const bad = (field, value, expected) => new common_errors/* ConfigurationError */.j1(`host ${host.name}: ${field} ${JSON.stringify(value)} is not ${expected}`, {
        file: origin.file,
        key: origin.key ? `${origin.key}.${field}` : field,
    });
    if (!HOST.test(host.host))
        throw bad("host", host.host, "a host name or IP address");
    if (host.user !== undefined && !USER.test(host.user))
        throw bad("user", host.user, "a user name");
    if (host.jumpHost !== undefined && !JUMP.test(host.jumpHost)) {
        throw bad("jump-host", host.jumpHost, "[user@]host[:port]");
    }
}
/** A host entry with every default filled in; callers give only what the user set. Throws on an unsafe SSH target. */
function hostWithDefaults(partial, shared = {}, origin = {}) {
    const host = hostDefaults(partial, shared);
    if (host.transport === "ssh")
        checkSshTarget(host, origin);
    return host;
}
function hostDefaults(partial, shared) {
    return {
        name: partial.name ?? partial.host,
        transport: partial.transport ?? "ssh",
        host: partial.host,
        port: partial.port ?? PM2_DEFAULTS.port,
        user: partial.user,
        jumpHost: partial.jumpHost,
        pm2Home: partial.pm2Home,
        pm2Bin: partial.pm2Bin ?? PM2_DEFAULTS.pm2Bin,
        apps: partial.apps ?? [],
        ecosystemFile: partial.ecosystemFile,
        identityFile: partial.identityFile,
        knownHostsFile: partial.knownHostsFile,
        insecureSkipHostKeyCheck: partial.insecureSkipHostKeyCheck ?? false,
        maxMemory: partial.maxMemory ?? shared.maxMemory,
        maxRestarts: partial.maxRestarts ?? shared.maxRestarts ?? PM2_DEFAULTS.maxRestarts,
        minUptime: partial.minUptime ?? shared.minUptime ?? PM2_DEFAULTS.minUptime,
        maxCpu: partial.maxCpu ?? shared.maxCpu,
        maxLaunching: partial.maxLaunching ?? shared.maxLaunching ?? PM2_DEFAULTS.maxLaunching,
        logLines: partial.logLines ?? PM2_DEFAULTS.logLines,
        logPatterns: partial.logPatterns ?? settings_DEFAULT_LOG_PATTERNS,
    };
}
function runWithDefaults(partial) {
    return {
        hosts: partial.hosts,
        concurrency: partial.concurrency ?? PM2_DEFAULTS.concurrency,
        connectTimeout: partial.connectTimeout ?? PM2_DEFAULTS.connectTimeout,
        commandTimeout: partial.commandTimeout ?? PM2_DEFAULTS.commandTimeout,
        hostTimeout: partial.hostTimeout ?? PM2_DEFAULTS.hostTimeout,
        autoRecovery: partial.autoRecovery ?? PM2_DEFAULTS.autoRecovery,
        dryRun: partial.dryRun ?? false,
        maxRestartAttempts: partial.maxRestartAttempts ?? PM2_DEFAULTS.maxRestartAttempts,
        settleTime: partial.settleTime ?? PM2_DEFAULTS.settleTime,
        maxLogLineLength: partial.maxLogLineLength ?? PM2_DEFAULTS.maxLogLineLength,
    };
}

;// CONCATENATED MODULE: ./src/pm2/from-config.ts





/** True for known_hosts content (lines holding a key), false for a path to such a file. */
function isKnownHostsContent(value) {
    return /\n/.test(value.trim()) || /^\S+\s+(ssh-|ecdsa-|sk-)\S+\s+\S+/.test(value.trim());
}
/** The `pm2` section of `.github/redundancy.yml` as run settings. */
function runSettingsFromConfig(pm2, options) {
    let entries = pm2.hosts.map((h, index) => ({ h, index }));
    if (options.only !== undefined) {
        entries = entries.filter((e) => e.h.name === options.only);
        if (entries.length === 0) {
            const names = pm2.hosts.map((h) => h.name);
            throw new common_errors/* ConfigurationError */.j1(`no host named '${options.only}' in pm2.hosts (${names.length > 0 ? `known: ${names.join(", ")}` : "none configured"})`, { file: options.file, key: "pm2.hosts" });
        }
    }
    if (entries.length === 0) {
        throw new common_errors/* ConfigurationError */.j1("no PM2 hosts configured: add pm2.hosts entries (name, host, ...)", {
            file: options.file,
            key: "pm2.hosts",
        });
    }
    const hosts = entries.map(({ h, index }) => hostFromConfig(pm2, h, index, options));
    return runWithDefaults({ hosts, ...runOptionsFromConfig(pm2), ...options.overrides });
}
/** The run-wide settings of the `pm2` section (everything but the hosts). */
function runOptionsFromConfig(pm2) {
    return {
        concurrency: pm2.concurrency,
        connectTimeout: pm2["connect-timeout"],
        commandTimeout: pm2["command-timeout"],
        settleTime: pm2["settle-time"],
        hostTimeout: pm2["host-timeout"],
        autoRecovery: pm2["auto-recovery"],
        maxRestartAttempts: pm2["max-restart-attempts"],
    };
}
function hostFromConfig(pm2, h, index, options) {
    const key = `pm2.hosts[${index}]`;
    const t = (0,config/* hostThresholds */.RP)(pm2, h);
    let knownHostsFile = options.defaultKnownHostsFile;
    const kh = h["known-hosts"];
    if (kh !== undefined) {
        if (isKnownHostsContent(kh)) {
            knownHostsFile = (0,external_node_path_.join)(options.tempDir, `known_hosts-${index}`);
            (0,external_node_fs_.writeFileSync)(knownHostsFile, kh.trim() + "\n", { mode: 0o600 });
        }
        else {
            knownHostsFile = (0,external_node_path_.isAbsolute)(kh) ? kh : (0,external_node_path_.resolve)(options.cwd, kh);
            if (!(0,external_node_fs_.existsSync)(knownHostsFile)) {
                throw new common_errors/* ConfigurationError */.j1(`known-hosts file not found: ${kh}`, {
                    file: options.file,
                    key: `${key}.known-hosts`,
                });
            }
        }
    }
    let identityFile = options.defaultIdentityFile;
    const idf = h["identity-file"];
    if (idf !== undefined) {
        identityFile = (0,external_node_path_.isAbsolute)(idf) ? idf : (0,external_node_path_.resolve)(options.cwd, idf);
        if (!(0,external_node_fs_.existsSync)(identityFile)) {
            throw new common_errors/* ConfigurationError */.j1(`identity file not found: ${idf}`, {
                file: options.file,
                key: `${key}.identity-file`,
            });
        }
    }
    return hostWithDefaults({
        name: h.name,
        transport: h.transport,
        host: h.host ?? "localhost",
        port: h.port,
        user: h.user,
        jumpHost: h["jump-host"],
        pm2Home: h["pm2-home"],
        pm2Bin: h["pm2-bin"],
        apps: h.apps,
        ecosystemFile: h["ecosystem-file"],
        identityFile,
        knownHostsFile,
        insecureSkipHostKeyCheck: pm2["insecure-skip-host-key-check"],
        maxMemory: t.maxMemory,
        maxRestarts: t.maxRestarts,
        minUptime: t.minUptime,
        maxCpu: t.maxCpu,
        logLines: t.logLines,
        logPatterns: t.logPatterns,
    }, {}, { file: options.file, key });
}

;// CONCATENATED MODULE: ./src/common/report.ts
/**
 * Everything a check says to the outside (annotations, job summaries, issue bodies) is built
 * here, and every text passes through a Redactor on the way out.
 */

/** Shape-based redaction only (tokens, KEY=value, URL passwords) when no Redactor is given. */
function orDefault(redactor) {
    return redactor ?? new Redactor();
}
/** The runner's escaping of a workflow command's message. */
function escapeCommandData(text) {
    return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
/** The runner's escaping of a workflow command's property value. */
function escapeCommandProperty(text) {
    return escapeCommandData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
/** The `::error file=F,line=L,col=C,title=T::message` line the runner turns into an annotation. */
function formatAnnotation(annotation, redactor) {
    const r = orDefault(redactor);
    const props = [
        ["file", annotation.file],
        ["line", annotation.line],
        ["endLine", annotation.endLine],
        ["col", annotation.column],
        ["endColumn", annotation.endColumn],
        ["title", annotation.title === undefined ? undefined : r.redact(annotation.title)],
    ];
    const shown = props
        .filter((p) => p[1] !== undefined && p[1] !== "")
        .map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`);
    const head = shown.length > 0 ? `::${annotation.severity} ${shown.join(",")}` : `::${annotation.severity}`;
    return `${head}::${escapeCommandData(r.redact(annotation.message))}`;
}
/** Text made safe for one markdown table cell: no pipes, no line breaks, no raw HTML. */
function report_escapeMarkdownCell(text) {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/\|/g, "\\|")
        .replace(/\r?\n|\r/g, "<br>");
}
/** A GitHub-flavoured markdown table; every cell is redacted and escaped. */
function report_tableMarkdown(headers, rows, redactor) {
    const r = orDefault(redactor);
    const cell = (text) => report_escapeMarkdownCell(r.redact(text));
    const line = (cells) => `| ${cells.map(cell).join(" | ")} |`;
    const padded = rows.map((row) => headers.map((_h, i) => row[i] ?? ""));
    return [line(headers), `| ${headers.map(() => "---").join(" | ")} |`, ...padded.map(line)].join("\n") + "\n";
}
const report_STATUS_EMOJI = {
    ok: "✅",
    warn: "⚠️",
    fail: "❌",
    unknown: "❔",
};
const STATUS_ORDER = (/* unused pure expression or super */ null && (["fail", "warn", "unknown", "ok"]));
/** How many results have each status. */
function statusCounts(results) {
    const counts = { ok: 0, warn: 0, fail: 0, unknown: 0 };
    for (const result of results)
        counts[result.status] += 1;
    return counts;
}
function recoveryText(result) {
    return (result.recovery ?? [])
        .map((step) => `${step.ok ? "✅" : "❌"} ${step.action}${step.detail ? `: ${step.detail}` : ""}`)
        .join("\n");
}
/** The job-summary markdown: a heading, counts by status, one table row per result, then evidence. */
function resultsSummaryMarkdown(results, title, options = {}) {
    const r = orDefault(options.redactor);
    const maxDetails = options.maxDetails ?? 20;
    const counts = statusCounts(results);
    const countLine = STATUS_ORDER.filter((s) => counts[s] > 0)
        .map((s) => `${report_STATUS_EMOJI[s]} ${counts[s]} ${s}`)
        .join(" · ");
    const parts = [`## ${report_escapeMarkdownCell(r.redact(title))}`, "", countLine || "No checks ran.", ""];
    if (results.length > 0) {
        const rows = results.map((res) => [
            res.id,
            `${report_STATUS_EMOJI[res.status]} ${res.status}`,
            res.summary,
            recoveryText(res),
        ]);
        parts.push(report_tableMarkdown(["Check", "Status", "Summary", "Recovery"], rows, r));
    }
    const withEvidence = results.filter((res) => res.status !== "ok" && res.details.length > 0);
    for (const res of withEvidence) {
        const shown = res.details.slice(0, maxDetails).map((d) => `- ${report_escapeMarkdownCell(r.redact(d))}`);
        if (res.details.length > maxDetails)
            shown.push(`- … ${res.details.length - maxDetails} more`);
        parts.push(`<details><summary>${report_escapeMarkdownCell(r.redact(res.id))}</summary>`, "", ...shown, "", "</details>", "");
    }
    return parts.join("\n");
}
/** A deep copy of a result with every text redacted. */
function redactResult(result, redactor) {
    const copy = {
        id: redactor.redact(result.id),
        kind: result.kind,
        status: result.status,
        summary: redactor.redact(result.summary),
        details: result.details.map((d) => redactor.redact(d)),
    };
    if (result.metrics)
        copy.metrics = { ...result.metrics };
    if (result.recovery) {
        copy.recovery = result.recovery.map((step) => ({
            action: redactor.redact(step.action),
            ok: step.ok,
            detail: redactor.redact(step.detail),
        }));
    }
    return copy;
}
function redactResults(results, redactor) {
    return results.map((result) => redactResult(result, redactor));
}

;// CONCATENATED MODULE: ./src/pm2/report.ts


/** Rows for every app result, plus host results that are not ok (they carry host-level problems). */
function summaryRows(results) {
    const rows = [];
    for (const r of results) {
        const parts = r.id.split("/");
        if (parts[0] !== "pm2")
            continue;
        const host = parts[1] ?? "";
        const app = parts.slice(2).join("/");
        if (app === "" && r.status === "ok" && !r.recovery)
            continue;
        const m = r.metrics ?? {};
        const restarts = m.restarts === undefined
            ? "-"
            : `${m.restarts}${m.restartsSinceLastRun !== undefined ? ` (+${m.restartsSinceLastRun})` : ""}`;
        const taken = (r.recovery ?? []).map((s) => `${s.action} ${s.ok ? "ok" : "failed"}`);
        rows.push({
            host,
            app: app === "" ? "(host)" : app,
            status: r.status,
            restarts,
            memory: m.memoryBytes === undefined ? "-" : formatSize(m.memoryBytes),
            uptime: m.uptimeMs === undefined ? "-" : formatDuration(m.uptimeMs),
            action: taken.length > 0 ? taken.join("; ") : "-",
        });
    }
    return rows;
}
/** The GitHub job summary: a table, then the one-line summary of every result that is not ok. */
function markdownSummary(results) {
    const rows = summaryRows(results);
    const lines = ["## PM2 health", ""];
    if (rows.length === 0) {
        lines.push("No PM2 apps found.");
    }
    else {
        lines.push(tableMarkdown(["Host", "App", "Status", "Restarts", "Memory", "Uptime", "Action taken"], rows.map((r) => [
            r.host,
            r.app,
            `${STATUS_EMOJI[r.status]} ${r.status}`,
            r.restarts,
            r.memory,
            r.uptime,
            r.action,
        ])).trimEnd());
    }
    const problems = results.filter((r) => r.status !== "ok");
    if (problems.length > 0) {
        lines.push("", "### Problems", "");
        for (const r of problems)
            lines.push(`- **${escapeMarkdownCell(r.id)}** (${r.status}): ${escapeMarkdownCell(r.summary)}`);
    }
    return lines.join("\n") + "\n";
}
/** Plain text for a terminal or a log: one line per result, details indented. */
function textReport(results) {
    const out = [];
    for (const r of results) {
        out.push(`${r.status.toUpperCase().padEnd(7)} ${r.id}: ${r.summary}`);
        for (const d of r.details)
            out.push(`        ${d}`);
        for (const s of r.recovery ?? [])
            out.push(`        recovery: ${s.action}: ${s.ok ? "ok" : "failed"}${s.detail ? ` (${s.detail})` : ""}`);
    }
    return out.join("\n") + "\n";
}

;// CONCATENATED MODULE: ./src/pm2/state-file.ts



/** The previous run's state from a file; a missing file is a first run, a bad one a ConfigurationError. */
function readStateFile(path) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, "utf8");
    }
    catch (error) {
        if (error.code === "ENOENT")
            return health_emptyState();
        throw error;
    }
    if (text.trim() === "")
        return health_emptyState();
    try {
        return parseState(text, path);
    }
    catch (error) {
        throw new common_errors/* ConfigurationError */.j1(error instanceof Error ? error.message : String(error), { file: path });
    }
}
function writeStateFile(path, state) {
    (0,external_node_fs_.writeFileSync)(path, JSON.stringify(state, null, 2) + "\n");
}

// EXTERNAL MODULE: ./src/cli/command.ts
var command = __webpack_require__(3567);
;// CONCATENATED MODULE: ./src/cli/commands/run-pm2.ts
/** What `redundancy pm2` runs (its options are in ./pm2.ts): check PM2 hosts, recover, write state and backups. */















function durationOption(value, name, allowZero) {
    if (typeof value !== "string")
        return undefined;
    const ms = (0,units/* parseDuration */.E9)(value);
    if (ms === undefined || (ms === 0 && !allowZero)) {
        throw new common_errors/* ConfigurationError */.j1(`--${name}: not a duration${allowZero ? "" : " above 0"}: '${value}' (e.g. 3s, 500ms, 2m)`);
    }
    return ms;
}
async function runPm2(args, io) {
    const v = args.values;
    const file = typeof v.config === "string" ? v.config : undefined;
    const loaded = await (0,config/* loadConfig */.Z9)({ file, env: io.env, cwd: io.cwd });
    const abs = (p) => ((0,external_node_path_.isAbsolute)(p) ? p : (0,external_node_path_.resolve)(io.cwd, p));
    const statePath = typeof v.state === "string" ? abs(v.state) : undefined;
    const previous = statePath ? readStateFile(statePath) : { version: 1, hosts: {} };
    const tempDir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "redundancy-pm2-"));
    try {
        const overrides = { dryRun: v["dry-run"] === true };
        if (v["no-recover"] === true)
            overrides.autoRecovery = false;
        const settle = durationOption(v["settle-time"], "settle-time", true);
        if (settle !== undefined)
            overrides.settleTime = settle;
        const hostTimeout = durationOption(v["host-timeout"], "host-timeout", false);
        if (hostTimeout !== undefined)
            overrides.hostTimeout = hostTimeout;
        const settings = runSettingsFromConfig(loaded.settings.pm2, {
            file: loaded.file,
            cwd: io.cwd,
            tempDir,
            only: typeof v.host === "string" ? v.host : undefined,
            overrides,
        });
        const redactor = new redact_Redactor();
        const logger = new common_logger/* RedactingLogger */.wH(io.logger, (t) => redactor.redact(t));
        const report = await checkPm2(settings, previous, { logger, redactor });
        if (v.format === "json")
            io.stdout(`${JSON.stringify(report.results, null, 2)}\n`);
        else
            io.stdout(textReport(report.results));
        if (statePath)
            writeStateFile(statePath, report.state);
        if (typeof v["backup-dir"] === "string") {
            const written = writeBackupEntries(abs(v["backup-dir"]), report.backup);
            logger.info(`wrote ${written.length} backup file${written.length === 1 ? "" : "s"} to ${v["backup-dir"]}`);
        }
        const status = worstStatus(report.results.map((r) => r.status));
        return status === "fail" || status === "unknown" ? command/* EXIT_PROBLEMS */.oK : command/* EXIT_OK */.Ij;
    }
    finally {
        (0,external_node_fs_.rmSync)(tempDir, { recursive: true, force: true });
    }
}


/***/ })

};
