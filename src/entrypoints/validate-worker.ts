import { parentPort, workerData } from "node:worker_threads";
import { lintShare, type WorkerRequest } from "../validate/parallel.js";

parentPort?.postMessage(await lintShare(workerData as WorkerRequest));
