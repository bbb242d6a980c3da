// The NestJS 12 + Express "hello world" that docs/TOOLCHAIN.md's ceiling is measured with: no middleware, no database.
// Run by bench/ceiling.bench.ts as its own process, like the API; prints "listening <port>" once ready.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

class HelloController {
  hello() {
    return { hello: 'world' };
  }
}
// Decorators applied as calls: this file runs under plain node, without a TypeScript step.
Controller()(HelloController);
Get()(HelloController.prototype, 'hello', Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello'));

class HelloModule {}
Module({ controllers: [HelloController] })(HelloModule);

const app = await NestFactory.create(HelloModule, { logger: false });
await app.listen(0, '127.0.0.1');
process.stdout.write(`listening ${app.getHttpServer().address().port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
