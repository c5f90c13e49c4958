import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 852:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  iW: () => (/* binding */ main)
});

// UNUSED EXPORTS: ConfigurationError, VERSION, mainHelp

;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./src/common/errors.ts
/**
 * A mistake the user can fix (bad config, bad input, unreachable host named in config).
 * Reported as a clear one-line message without a stack; everything else is a bug.
 */
class ConfigurationError extends Error {
    location;
    constructor(message, location = {}) {
        super(formatLocated(message, location));
        this.name = "ConfigurationError";
        this.location = location;
    }
}
function formatLocated(message, location) {
    const where = [];
    if (location.file) {
        let pos = location.file;
        if (location.line !== undefined)
            pos += `:${location.line}`;
        if (location.line !== undefined && location.column !== undefined)
            pos += `:${location.column}`;
        where.push(pos);
    }
    if (location.key && !message.includes(location.key))
        where.push(location.key);
    return where.length > 0 ? `${where.join(": ")}: ${message}` : message;
}
function isConfigurationError(error) {
    return error instanceof ConfigurationError;
}
/** The message of anything thrown, for places that must print it. */
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/common/logger.ts
const LOG_LEVELS = ["debug", "info", "warning", "error"];
/** Keeps every entry in memory: for tests, and for collecting evidence to report later. */
class RecordingLogger {
    entries = [];
    debug(message) {
        this.entries.push({ level: "debug", message });
    }
    info(message) {
        this.entries.push({ level: "info", message });
    }
    warning(message, location) {
        this.entries.push({ level: "warning", message, location });
    }
    error(message, location) {
        this.entries.push({ level: "error", message, location });
    }
    messages(level) {
        return this.entries.filter((e) => level === undefined || e.level === level).map((e) => e.message);
    }
    text() {
        return this.entries.map((e) => `${e.level}: ${e.message}`).join("\n");
    }
}
/** Writes to stderr for the CLI (stdout is kept for results), dropping levels below `minLevel`. */
class StreamLogger {
    minLevel;
    write;
    constructor(minLevel = "info", write = (line) => process.stderr.write(`${line}\n`)) {
        this.minLevel = minLevel;
        this.write = write;
    }
    enabled(level) {
        return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(this.minLevel);
    }
    debug(message) {
        if (this.enabled("debug"))
            this.write(`debug: ${message}`);
    }
    info(message) {
        if (this.enabled("info"))
            this.write(message);
    }
    warning(message, location) {
        if (this.enabled("warning"))
            this.write(`warning: ${prefix(location)}${message}`);
    }
    error(message, location) {
        if (this.enabled("error"))
            this.write(`error: ${prefix(location)}${message}`);
    }
}
function prefix(location) {
    if (!location?.file)
        return "";
    return `${location.file}${location.line ? `:${location.line}` : ""}${location.column ? `:${location.column}` : ""}: `;
}
/** Wraps a logger so every message passes through `redact` first. */
class RedactingLogger {
    inner;
    redact;
    constructor(inner, redact) {
        this.inner = inner;
        this.redact = redact;
    }
    debug(message) {
        this.inner.debug(this.redact(message));
    }
    info(message) {
        this.inner.info(this.redact(message));
    }
    warning(message, location) {
        this.inner.warning(this.redact(message), location);
    }
    error(message, location) {
        this.inner.error(this.redact(message), location);
    }
}

;// CONCATENATED MODULE: ./src/cli/command.ts
/** Exit codes every subcommand uses. */
const EXIT_OK = 0;
const EXIT_PROBLEMS = 1;
const EXIT_USAGE = 2;
/** Options shared by every subcommand. */
const COMMON_OPTIONS = {
    config: {
        type: "string",
        description: "config file (default .github/redundancy.yml)",
        default: ".github/redundancy.yml",
        valueName: "FILE",
    },
    format: { type: "string", description: "output format: text or json", default: "text", valueName: "FORMAT" },
    help: { type: "boolean", short: "h", description: "show this help" },
};

;// CONCATENATED MODULE: ./src/cli/commands/index.ts
/** Every subcommand, in the order `redundancy --help` lists them. */
const COMMANDS = [];

;// CONCATENATED MODULE: ./src/cli/main.ts





const VERSION = "1.0.0";
function helpFor(command) {
    const options = { ...COMMON_OPTIONS, ...command.options };
    const lines = [`usage: redundancy ${command.usage}`, "", command.summary, "", "options:"];
    for (const [name, spec] of Object.entries(options)) {
        const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.type === "string" ? ` ${spec.valueName ?? "VALUE"}` : ""}`;
        lines.push(`  ${flag.padEnd(28)} ${spec.description}`);
    }
    return lines.join("\n") + "\n";
}
function mainHelp() {
    const lines = [
        `redundancy ${VERSION}: keep a team's automations alive`,
        "",
        "usage: redundancy <command> [options]",
        "",
        "commands:",
        ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
        "",
        "Run `redundancy <command> --help` for a command's options.",
        "Exit codes: 0 ok, 1 problems found, 2 usage or configuration error.",
    ];
    return lines.join("\n") + "\n";
}
function toParseArgsOptions(specs) {
    const out = {};
    for (const [name, spec] of Object.entries(specs)) {
        out[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}) };
        if (spec.type === "string" && spec.multiple)
            out[name].multiple = true;
    }
    return out;
}
/** Runs the CLI with argv (without node and script) and returns the exit code. */
async function main(argv, io) {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
        io.stdout(mainHelp());
        return name === undefined ? EXIT_USAGE : 0;
    }
    if (name === "--version" || name === "-V") {
        io.stdout(`${VERSION}\n`);
        return 0;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
        io.stderr(`redundancy: unknown command '${name}'\n\n${mainHelp()}`);
        return EXIT_USAGE;
    }
    const specs = { ...COMMON_OPTIONS, ...command.options };
    let parsed;
    try {
        parsed = (0,external_node_util_namespaceObject.parseArgs)({
            args: rest,
            options: toParseArgsOptions(specs),
            allowPositionals: command.allowPositionals ?? false,
            strict: true,
        });
    }
    catch (error) {
        io.stderr(`redundancy ${name}: ${errorMessage(error)}\n\n${helpFor(command)}`);
        return EXIT_USAGE;
    }
    const values = {};
    for (const [key, value] of Object.entries(parsed.values)) {
        values[key] = Array.isArray(value) ? value.map(String) : value;
    }
    for (const [key, spec] of Object.entries(specs)) {
        if (values[key] === undefined && spec.type === "string" && spec.default !== undefined)
            values[key] = spec.default;
    }
    if (values.help) {
        io.stdout(helpFor(command));
        return 0;
    }
    if (values.format !== "text" && values.format !== "json" && !("format" in command.options)) {
        io.stderr(`redundancy ${name}: --format must be text or json, got '${String(values.format)}'\n`);
        return EXIT_USAGE;
    }
    const envLevel = io.env.REDUNDANCY_LOG_LEVEL?.toLowerCase();
    const level = LOG_LEVELS.includes(envLevel) ? envLevel : "info";
    const logger = new StreamLogger(level, (line) => io.stderr(`${line}\n`));
    try {
        return await command.run({ values, positionals: parsed.positionals }, { ...io, logger });
    }
    catch (error) {
        if (isConfigurationError(error)) {
            io.stderr(`redundancy ${name}: ${error.message}\n`);
            return EXIT_USAGE;
        }
        throw error;
    }
}



/***/ }),

/***/ 921:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(852);

const code = await (0,_cli_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .iW)(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
});
process.exitCode = code;

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(921);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
