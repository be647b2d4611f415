/**
 * The worker side of the search pool: each worker builds one NodeEvaluator from the payload
 * it was started with (typed arrays over SharedArrayBuffers: the groups are not copied) and
 * evaluates the nodes it is sent, keeping its own roll-up cache.
 */
import { workerData } from 'node:worker_threads';
import { NodeEvaluator, type NodeOutcome, type SearchPayload } from './evaluator.js';

/** One task: nodes and their levels (width values per node, flattened). */
export interface SearchTask {
  nodes: number[];
  levels: Int32Array;
  width: number;
}

let evaluator: NodeEvaluator | undefined;

/** Worker entry (piscina): evaluates the task's nodes. */
export default function evaluateNodes(task: SearchTask): NodeOutcome[] {
  evaluator ??= new NodeEvaluator((workerData as { payload: SearchPayload }).payload);
  return task.nodes.map((node, i) => evaluator!.evaluate(node, task.levels.subarray(i * task.width, (i + 1) * task.width)));
}
