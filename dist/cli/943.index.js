export const id = 943;
export const ids = [943];
export const modules = {

/***/ 2943:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runConfig: () => (/* binding */ runConfig)
/* harmony export */ });
/* unused harmony export renderSettingsText */
/* harmony import */ var _common_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8570);
/* harmony import */ var _config_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7164);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3567);
/** What `redundancy config` runs (its options are in ./config.ts): load the config, print the settings. */



function displayValue(path, value) {
    const last = path[path.length - 1];
    if (typeof value === "number" && typeof last === "string") {
        if (_config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .DURATION_KEYS */ .oO.has(last))
            return (0,_common_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(value);
        if (_config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .SIZE_KEYS */ .BO.has(last))
            return (0,_common_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatSize */ .Xq)(value);
    }
    return typeof value === "string" || Array.isArray(value) || value === null ? JSON.stringify(value) : String(value);
}
/** Aligned `key = value  (source)` lines under a one-line header. */
function renderSettingsText(loaded) {
    const rows = (0,_config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .flattenSettings */ .on)(loaded.settings).map((leaf) => ({
        key: leaf.key,
        value: displayValue(leaf.path, leaf.value),
        source: loaded.sources[leaf.key] ?? "default",
    }));
    const keyWidth = Math.max(...rows.map((r) => r.key.length));
    const valueWidth = Math.max(...rows.map((r) => r.value.length));
    const header = loaded.exists ? `# ${loaded.file}: valid` : `# ${loaded.file}: not found, using defaults`;
    const lines = rows.map((r) => `${r.key.padEnd(keyWidth)} = ${r.value.padEnd(valueWidth)}  (${r.source})`);
    return `${header}\n${lines.join("\n")}\n`;
}
async function runConfig(args, io) {
    const file = typeof args.values.config === "string" ? args.values.config : undefined;
    const loaded = await (0,_config_index_js__WEBPACK_IMPORTED_MODULE_1__/* .loadConfig */ .Z9)({ file, env: io.env, cwd: io.cwd });
    if (args.values.format === "json") {
        const { settings, sources, file: name, exists } = loaded;
        io.stdout(`${JSON.stringify({ file: name, exists, valid: true, settings, sources }, null, 2)}\n`);
    }
    else {
        io.stdout(renderSettingsText(loaded));
    }
    return _command_js__WEBPACK_IMPORTED_MODULE_2__/* .EXIT_OK */ .Ij;
}


/***/ })

};
