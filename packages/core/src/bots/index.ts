/** The bot runtime: bot chatflows driven in conversations, one transaction per step (`ws.bots`). */
export type { BotsApi } from './bots-service.js';
export {
  startBotSessionInput,
  botSessionInput,
  type StartBotSessionInput,
  type BotSessionInput,
  type BotTurn,
  type BotTurnMessage,
} from './schemas.js';
