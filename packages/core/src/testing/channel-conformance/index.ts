export { runChannelConformance } from './run.js';
export type { MakeAdapter } from './environment.js';
export type {
  ChannelConformanceDriver,
  ChannelNamedSkip,
  ChannelTestContext,
  ConformanceInbound,
  ConformanceStore,
  InvalidConfigCase,
  ObservedDelivery,
} from './driver.js';
