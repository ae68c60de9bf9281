import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PermissionGuard } from './permission.guard';
import { SessionCache } from './session-cache';
import { SessionGuard } from './session.guard';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SignInThrottleService } from './sign-in-throttle.service';
import { PasswordStrategy, TotpStrategy } from './strategies';

@Module({
  imports: [PassportModule.register({ session: false })],
  controllers: [AuthController, SessionsController],
  providers: [AuthService, SessionsService, SessionCache, SignInThrottleService, PasswordStrategy, TotpStrategy, SessionGuard, PermissionGuard],
  exports: [AuthService, SessionsService, SessionGuard, PermissionGuard],
})
export class AuthModule {}
