// Worker thread of the matching benchmark: runs the block it is given and posts the result.
import { parentPort, workerData } from 'node:worker_threads';
import { runBlock, type BlockTask } from './block.js';

parentPort?.postMessage(runBlock(workerData as BlockTask));
