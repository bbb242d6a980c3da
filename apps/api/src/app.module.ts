import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from './audit/audit.module.js';
import { AccessGuard } from './auth/access.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthoritiesModule } from './authorities/authorities.module.js';
import { IdentityModule } from './auth/identity.module.js';
import { ErrorFilter } from './common/error-filter.js';
import { ResponseValidationInterceptor } from './common/response-validation.interceptor.js';
import type { Env } from './config/env.js';
import { EnvModule } from './config/env.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DecisionsModule } from './decisions/decisions.module.js';
import { DisclosuresModule } from './disclosures/index.js';
import { DocumentsModule } from './documents/documents.module.js';
import { HealthModule } from './health/health.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RequestsModule } from './requests/requests.module.js';
import { StaffModule } from './staff/staff.module.js';
import { PolicyModule } from './policy/policy.module.js';
import { TransparencyLogModule } from './transparency-log/transparency-log.module.js';
import { VerificationModule } from './verification/verification.module.js';

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
