// `npm start -w @inboxkit/example-custom-channel`
import { runDemo } from './demo.js';

await runDemo();
