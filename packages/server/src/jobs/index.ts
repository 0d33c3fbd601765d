export {
  startJobs,
  type Jobs,
  type JobHandler,
  type QueueOptions,
  type EnqueueOptions,
  type StartJobsOptions,
} from './startJobs.js';
