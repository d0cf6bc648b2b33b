// Run with `npm start -w @inboxkit/example-forms-site`, open the printed URL, send the form.
import { startFormsSite } from './site.js';

const site = await startFormsSite({ port: Number(process.env.PORT ?? 3000) });
site.kit.events.on('message.received', async (event) => {
  const [message] = (await site.ws.conversations.timeline(event.data.conversationId)).items;
  console.log(`new submission in conversation ${event.data.conversationId}:\n${message?.text}\n`);
  const reply = await site.ws.conversations.reply(event.data.conversationId, { authorId: site.agentId, text: 'Thanks, we will get back to you today.' });
  console.log(`  → reply by email to ${site.email.sent.at(-1)?.contact.email}: ${reply.deliveryStatus}`);
});
console.log(`shop page with the contact form: ${site.url}/contact`);
