import { Module } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ENV, type Env } from '../config/index.js';
import { SubscriberDataModule } from '../subscriber-data/index.js';
import { DisclosuresController } from './disclosures.controller.js';
import { DisclosuresService } from './disclosures.service.js';
import { DOWNLOAD_THROTTLER_STORAGE } from './download-throttler.guard.js';
import { PackageExpiry } from './expire-packages.js';
import { loadPackageKeys, PACKAGE_KEYS } from './package-keys.js';

/** Disclosure packages: prepare, approve or reject (four eyes), deliver once (POLICY.md). */
@Module({
  imports: [SubscriberDataModule],
  controllers: [DisclosuresController],
  providers: [
    DisclosuresService,
    PackageExpiry,
    // Loaded once at boot: a missing or malformed key stops the API before it prepares anything.
    { provide: PACKAGE_KEYS, inject: [ENV], useFactory: (env: Env) => loadPackageKeys(env) },
    { provide: DOWNLOAD_THROTTLER_STORAGE, useClass: ThrottlerStorageService },
  ],
})
export class DisclosuresModule {}
