import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from './audit/index.js';
import { AccessGuard, AuthModule, IdentityModule } from './auth/index.js';
import { AuthoritiesModule } from './authorities/index.js';
import { ErrorFilter, ResponseValidationInterceptor } from './common/index.js';
import { type Env, EnvModule } from './config/index.js';
import { DatabaseModule } from './database/index.js';
import { DecisionsModule } from './decisions/index.js';
import { DisclosuresModule } from './disclosures/index.js';
import { DocumentsModule } from './documents/index.js';
import { HealthModule } from './health/index.js';
import { ReportsModule } from './reports/index.js';
import { RequestsModule } from './requests/index.js';
import { StaffModule } from './staff/index.js';
import { PolicyModule } from './policy/index.js';
import { TransparencyLogModule } from './transparency-log/index.js';
import { VerificationModule } from './verification/index.js';

export const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

@Module({})
export class AppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EnvModule.forRoot(env),
        DatabaseModule,
        IdentityModule,
        AuditModule,
        HealthModule,
        // feature modules: keep one per line, alphabetical
        AuthModule,
        AuthoritiesModule,
        DecisionsModule,
        DisclosuresModule,
        DocumentsModule,
        ReportsModule,
        RequestsModule,
        StaffModule,
        PolicyModule,
        TransparencyLogModule,
        VerificationModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: ResponseValidationInterceptor },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
