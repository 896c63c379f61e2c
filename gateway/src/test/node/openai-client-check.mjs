// Usage: node openai-client-check.mjs http://127.0.0.1:PORT/v1
// Prints one JSON object with what the official client saw; the Java test asserts on it.
import OpenAI from "openai";

const client = new OpenAI({ baseURL: process.argv[2], apiKey: "sk-inferoute-test", maxRetries: 0, timeout: 15000 });
const messages = [{ role: "user", content: "say hello from the edge" }];
const result = {};

const chat = await client.chat.completions.create({ model: "m1", messages, max_tokens: 5 });
result.nonStreaming = {
  object: chat.object,
  content: chat.choices[0].message.content,
  completionTokens: chat.usage.completion_tokens,
};

const stream = await client.chat.completions.create({
  model: "m1", messages, max_tokens: 6, stream: true, stream_options: { include_usage: true },
});
const deltas = [];
let usage = null;
for await (const chunk of stream) {
  if (chunk.choices.length > 0 && chunk.choices[0].delta.content) {
    deltas.push(chunk.choices[0].delta.content);
  }
  if (chunk.usage) {
    usage = chunk.usage;
  }
}
result.streaming = { deltas, completionTokens: usage ? usage.completion_tokens : null };

try {
  await client.chat.completions.create({ model: "no-such-model", messages });
  result.error = { raised: false };
} catch (e) {
  result.error = {
    raised: true,
    isApiError: e instanceof OpenAI.APIError,
    status: e.status,
    code: e.code,
    type: e.type,
  };
}

console.log(JSON.stringify(result));
