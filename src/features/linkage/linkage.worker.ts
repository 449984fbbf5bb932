// Worker thread of linkParallel: links its share of the LSH bands and posts the result.
import { parentPort, workerData } from 'node:worker_threads';
import { linkBlocked } from './linkage.link.js';
import type { LinkTask } from './linkage.parallel.js';

const task = workerData as LinkTask;
parentPort?.postMessage(linkBlocked(task.a, task.b, task.threshold, task.lsh, task.bands));
