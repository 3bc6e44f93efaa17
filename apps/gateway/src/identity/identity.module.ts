import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenGuard } from './access-token.guard';
import { AuthController } from './auth/auth.controller';
import { LoginThrottle } from './auth/login-throttle';
import { AuthService } from './auth/auth.service';
import { FirstAdmin } from './bootstrap/first-admin';
import { CompaniesController } from './companies/companies.controller';
import { CompaniesRepository } from './companies/companies.repository';
import { CompaniesService } from './companies/companies.service';
import { IdentityDataSourceCloser, identityDataSourceProvider } from './database/identity-data-source.provider';
import { SessionService } from './sessions/session.service';
import { SESSION_TTLS, SESSION_TTLS_TOKEN } from './sessions/session-ttl';
import { SessionsRepository } from './sessions/sessions.repository';
import { IdentityChanges, tokenCacheProvider } from './sessions/identity-changes';
import { UsersController } from './users/users.controller';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/**
 * Who calls the API: companies, users, sessions in the identity schema (migrated at start), the
 * first ADMIN, the auth endpoints, and the global guard that puts an Actor on every request but
 * the @Public() ones. Needs GATEWAY_CONFIG from a global module.
 */
@Module({
  controllers: [AuthController, CompaniesController, UsersController],
  providers: [
    identityDataSourceProvider,
    IdentityDataSourceCloser,
    { provide: SESSION_TTLS_TOKEN, useValue: SESSION_TTLS },
    SessionsRepository,
    tokenCacheProvider,
    IdentityChanges,
    SessionService,
    UsersRepository,
    CompaniesRepository,
    CompaniesService,
    UsersService,
    AuthService,
    LoginThrottle,
    FirstAdmin,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
  ],
  exports: [SessionService, CompaniesService, UsersService, AuthService],
})
export class IdentityModule {}
