package io.userservice.core.service;

import io.userservice.core.crypto.BcryptPasswordHasher;
import io.userservice.core.crypto.BoundedPasswordHasher;
import io.userservice.core.crypto.CachingAccessTokenVerifier;
import io.userservice.core.crypto.JoseAccessTokens;
import io.userservice.core.crypto.KeyEncryption;
import io.userservice.core.crypto.RfcOneTimePasswords;
import io.userservice.core.crypto.SecureRandomSecretGenerator;
import io.userservice.core.crypto.UniformTimePasswordHasher;
import io.userservice.core.crypto.WebAuthn4jPasskeyVerifier;
import io.userservice.core.domain.PasswordPolicy;
import io.userservice.core.memory.InMemoryOidcState;
import io.userservice.core.memory.InMemoryPasskeyState;
import io.userservice.core.outbox.MailDispatcher;
import io.userservice.core.outbox.WebhookDispatcher;
import io.userservice.core.port.in.AdministerWebhooksUseCase;
import io.userservice.core.port.in.AuthenticateUseCase;
import io.userservice.core.port.in.AuthorizeUseCase;
import io.userservice.core.port.in.ChangeEmailUseCase;
import io.userservice.core.port.in.ChangePasswordUseCase;
import io.userservice.core.port.in.ChangeRoleUseCase;
import io.userservice.core.port.in.CompleteMfaSignInUseCase;
import io.userservice.core.port.in.CompletePasswordResetUseCase;
import io.userservice.core.port.in.CompletePortalMfaSignInUseCase;
import io.userservice.core.port.in.ConfirmEmailChangeUseCase;
import io.userservice.core.port.in.ConfirmEmailUseCase;
import io.userservice.core.port.in.ConfirmTotpUseCase;
import io.userservice.core.port.in.CurrentPortalUserUseCase;
import io.userservice.core.port.in.DeactivateUserUseCase;
import io.userservice.core.port.in.DeleteAccountUseCase;
import io.userservice.core.port.in.DeleteAttributeUseCase;
import io.userservice.core.port.in.DisableTotpUseCase;
import io.userservice.core.port.in.EndSessionUseCase;
import io.userservice.core.port.in.EndSessionsUseCase;
import io.userservice.core.port.in.EnrolTotpUseCase;
import io.userservice.core.port.in.EnsureAdminUseCase;
import io.userservice.core.port.in.ExportAccountUseCase;
import io.userservice.core.port.in.ExportUsersUseCase;
import io.userservice.core.port.in.GetMfaStatusUseCase;
import io.userservice.core.port.in.GetProfileUseCase;
import io.userservice.core.port.in.GetUserDetailsUseCase;
import io.userservice.core.port.in.GetUserUseCase;
import io.userservice.core.port.in.ImpersonateUseCase;
import io.userservice.core.port.in.ImportUsersUseCase;
import io.userservice.core.port.in.IssuePortalTokenUseCase;
import io.userservice.core.port.in.ListAttributesUseCase;
import io.userservice.core.port.in.ListAuditEventsUseCase;
import io.userservice.core.port.in.ListSessionsUseCase;
import io.userservice.core.port.in.ListSigningKeysUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.in.LogOutUseCase;
import io.userservice.core.port.in.LookUpUserUseCase;
import io.userservice.core.port.in.ManageClientsUseCase;
import io.userservice.core.port.in.ManagePasskeysUseCase;
import io.userservice.core.port.in.MintPortalTokenUseCase;
import io.userservice.core.port.in.OidcTokenInfoUseCase;
import io.userservice.core.port.in.OidcTokenUseCase;
import io.userservice.core.port.in.PublishKeysUseCase;
import io.userservice.core.port.in.PurgeExpiredRowsUseCase;
import io.userservice.core.port.in.RedeemPortalTokenUseCase;
import io.userservice.core.port.in.RefreshTokensUseCase;
import io.userservice.core.port.in.RegisterPasskeyUseCase;
import io.userservice.core.port.in.RegisterUserUseCase;
import io.userservice.core.port.in.RenewRecoveryCodesUseCase;
import io.userservice.core.port.in.RequestPasswordResetUseCase;
import io.userservice.core.port.in.ResetMfaUseCase;
import io.userservice.core.port.in.RevokeSigningKeyUseCase;
import io.userservice.core.port.in.RotateSigningKeyUseCase;
import io.userservice.core.port.in.SearchUsersUseCase;
import io.userservice.core.port.in.SendPasswordResetUseCase;
import io.userservice.core.port.in.SetAttributeUseCase;
import io.userservice.core.port.in.SignInToPortalUseCase;
import io.userservice.core.port.in.SignInWithPasskeyUseCase;
import io.userservice.core.port.in.SignOutOfPortalUseCase;
import io.userservice.core.port.in.UpdateNameUseCase;
import io.userservice.core.port.in.UpdateUserUseCase;
import io.userservice.core.port.in.UseCases;
import io.userservice.core.port.in.UserExistsUseCase;
import io.userservice.core.port.in.VerifyCredentialsUseCase;
import io.userservice.core.port.out.AccessTokenIssuer;
import io.userservice.core.port.out.AccessTokenVerifier;
import io.userservice.core.port.out.DeviceTokens;
import io.userservice.core.port.out.DirectoryFactory;
import io.userservice.core.port.out.OidcState;
import io.userservice.core.port.out.OidcTokens;
import io.userservice.core.port.out.OneTimePasswords;
import io.userservice.core.port.out.PasskeyState;
import io.userservice.core.port.out.PasskeyVerifier;
import io.userservice.core.port.out.PasswordHasher;
import io.userservice.core.port.out.RequestIdSource;
import io.userservice.core.port.out.SecretGenerator;
import io.userservice.core.port.out.ServiceObserver;
import io.userservice.core.port.out.ServiceState;
import io.userservice.core.port.out.SigningKeyManager;
import io.userservice.core.port.out.Transactions;
import io.userservice.core.port.out.UserDirectory;
import io.userservice.core.port.out.UserNotifier;
import io.userservice.core.port.out.WebhookSender;
import io.userservice.core.settings.CoreSettings;
import io.userservice.core.settings.OutboxSettings;
import io.userservice.core.settings.ThrottleSettings;
import io.userservice.core.settings.WebhookSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The core, wired: every use case, built over the driven ports it is given. This is the entry
 * point for embedding the service in a JVM program and for the adapters that drive it.
 */
public final class UserServiceCore implements UseCases {

    private final PasswordPolicy passwordPolicy;
    private final Runnable preparation;
    private final MailDispatcher mailDispatcher;
    private final WebhookDispatcher webhookDispatcher;
    private final AdministerWebhooksUseCase administerWebhooks;
    private final RegisterUserUseCase register;
    private final ConfirmEmailUseCase confirmEmail;
    private final LogInUseCase logIn;
    private final RefreshTokensUseCase refreshTokens;
    private final LogOutUseCase logOut;
    private final AuthenticateUseCase authenticate;
    private final GetUserUseCase getUser;
    private final GetProfileUseCase getProfile;
    private final UpdateNameUseCase updateName;
    private final SetAttributeUseCase setAttribute;
    private final ListAttributesUseCase listAttributes;
    private final DeleteAttributeUseCase deleteAttribute;
    private final RequestPasswordResetUseCase requestPasswordReset;
    private final CompletePasswordResetUseCase completePasswordReset;
    private final UserExistsUseCase userExists;
    private final LookUpUserUseCase lookUpUser;
    private final PublishKeysUseCase publishKeys;
    private final EnsureAdminUseCase ensureAdmin;
    private final IssuePortalTokenUseCase issuePortalToken;
    private final MintPortalTokenUseCase mintPortalToken;
    private final VerifyCredentialsUseCase verifyCredentials;
    private final ImpersonateUseCase impersonate;
    private final ChangeRoleUseCase changeRole;
    private final DeactivateUserUseCase deactivateUser;
    private final ListAuditEventsUseCase auditEvents;
    private final RedeemPortalTokenUseCase redeemPortalToken;
    private final SignInToPortalUseCase signInToPortal;
    private final CurrentPortalUserUseCase currentPortalUser;
    private final SignOutOfPortalUseCase signOutOfPortal;
    private final RotateSigningKeyUseCase rotateSigningKey;
    private final RevokeSigningKeyUseCase revokeSigningKey;
    private final ListSigningKeysUseCase listSigningKeys;
    private final String issuer;
    private final ManageClientsUseCase manageClients;
    private final AuthorizeUseCase authorize;
    private final OidcTokenUseCase oidcToken;
    private final OidcTokenInfoUseCase oidcTokenInfo;
    private final EndSessionUseCase endSession;
    private final PurgeExpiredRowsUseCase purgeExpiredRows;
    private final ChangePasswordUseCase changePassword;
    private final ChangeEmailUseCase changeEmail;
    private final ConfirmEmailChangeUseCase confirmEmailChange;
    private final ListSessionsUseCase listSessions;
    private final EndSessionsUseCase endSessions;
    private final ExportAccountUseCase exportAccount;
    private final DeleteAccountUseCase deleteAccount;
    private final SearchUsersUseCase searchUsers;
    private final GetUserDetailsUseCase userDetails;
    private final UpdateUserUseCase updateUser;
    private final SendPasswordResetUseCase sendPasswordReset;
    private final ImportUsersUseCase importUsers;
    private final ExportUsersUseCase exportUsers;
    private final CompleteMfaSignInUseCase completeMfaSignIn;
    private final CompletePortalMfaSignInUseCase completePortalMfaSignIn;
    private final EnrolTotpUseCase enrolTotp;
    private final ConfirmTotpUseCase confirmTotp;
    private final DisableTotpUseCase disableTotp;
    private final RenewRecoveryCodesUseCase renewRecoveryCodes;
    private final GetMfaStatusUseCase mfaStatus;
    private final ResetMfaUseCase resetMfa;
    private final RegisterPasskeyUseCase registerPasskey;
    private final SignInWithPasskeyUseCase signInWithPasskey;
    private final ManagePasskeysUseCase managePasskeys;

    private UserServiceCore(Builder b) {
        passwordPolicy = b.settings.passwordPolicy();
        preparation = b.preparation;
        ServiceState state = b.state;
        Users users = new Users(b.directory, state.accounts(), state.identities());
        Profiles profiles = new Profiles(users, state.attributes());
        ServiceObserver observer = b.observer;
        AccessTokenIssuer issuer = new ObservedAccessTokens(b.accessTokenIssuer, observer);
        TokenIssuance issuance = new TokenIssuance(issuer, state.refreshTokens(), b.secrets, b.clock,
                b.settings, observer);
        AuditTrail audit = new AuditTrail(state.auditLog(), b.clock, b.requestIds);
        Throttling throttling = new Throttling(state.throttleCounters(), b.throttleSettings, b.clock, audit, observer);
        SecondFactors secondFactors = new SecondFactors(state.secondFactors(), state.mfaChallenges(),
                b.oneTimePasswords, b.keyEncryption, b.secrets, b.clock, b.passkeyState.passkeys());
        Credentials credentials = new Credentials(users, state.accounts(), b.clock, b.settings, throttling, audit,
                b.deviceTokens, b.secrets, observer, secondFactors);
        OidcState oidc = b.oidcState;
        TokenHolders holders = new TokenHolders(users, oidc.grants(), oidc.clients());
        Administrators administrators = new Administrators(users, audit);
        PortalSessions sessions = new PortalSessions(state.portalSessions(), b.secrets, b.clock, b.settings);
        Transactions tx = state.transactions();
        WebhookEvents events = new WebhookEvents(state.webhookOutbox(), b.clock);
        RefreshRotation rotation = new RefreshRotation(state.refreshTokens(), users, b.secrets, b.clock, b.settings,
                audit, tx, events);
        CodeMails mails = new CodeMails(state.mailOutbox(), b.secrets, b.keyEncryption, b.clock, b.outbox);

        webhookDispatcher = new WebhookDispatcher(state.webhookOutbox(), state.webhookEndpoints(), b.webhookSender,
                b.keyEncryption, b.clock, b.webhookSettings);
        administerWebhooks = new AdministerWebhooksService(state.webhookEndpoints(), state.webhookOutbox(),
                administrators, audit, b.secrets, b.keyEncryption, b.clock, b.webhookSettings);
        mailDispatcher = new MailDispatcher(state.mailOutbox(), b.notifier, b.keyEncryption, b.clock, b.outbox,
                observer);
        register = new RegisterUserService(users, b.hasher, mails, b.clock, b.settings, throttling, audit, tx,
                events, observer);
        confirmEmail = new ConfirmEmailService(state.codes(), users, b.clock, throttling, audit, tx, events);
        logIn = new LogInService(credentials, issuance);
        refreshTokens = new RefreshTokensService(rotation, issuance, oidc.grants(),
                observer);
        logOut = new LogOutService(state.refreshTokens(), b.clock, audit, tx, events);
        authenticate = new AuthenticateService(b.accessTokenVerifier, holders);
        getUser = new GetUserService(profiles);
        getProfile = new GetProfileService(profiles);
        updateName = new UpdateNameService(users, profiles, b.clock, tx, events);
        setAttribute = new SetAttributeService(state.attributes(), profiles, tx, events);
        listAttributes = new ListAttributesService(profiles, state.attributes());
        deleteAttribute = new DeleteAttributeService(state.attributes(), profiles, tx, events);
        requestPasswordReset = new RequestPasswordResetService(users, mails, b.settings, throttling, audit);
        completePasswordReset = new CompletePasswordResetService(state.codes(), users, state.accounts(),
                state.refreshTokens(), b.hasher, b.clock, b.settings, throttling, audit, tx, events,
                state.emailChanges());
        userExists = new UserExistsService(users, throttling);
        lookUpUser = new LookUpUserService(users);
        publishKeys = new PublishKeysService(b.accessTokenIssuer);
        ensureAdmin = new EnsureAdminService(users, state.accounts(), b.hasher, b.clock, b.settings);
        issuePortalToken = new IssuePortalTokenService(credentials, issuer, b.clock, b.settings);
        mintPortalToken = new MintPortalTokenService(users, issuer, b.clock, b.settings, audit);
        verifyCredentials = new VerifyCredentialsService(credentials);
        impersonate = new ImpersonateService(users, administrators, audit, issuer, b.clock, b.settings);
        changeRole = new ChangeRoleService(users, state.accounts(), administrators, audit, tx, events);
        deactivateUser = new DeactivateUserService(users, state.accounts(), state.refreshTokens(), administrators,
                audit, b.clock, tx, events, state.codes(), state.emailChanges());
        auditEvents = new ListAuditEventsService(users, state.auditLog());
        redeemPortalToken = new RedeemPortalTokenService(b.accessTokenVerifier, state.consumedTokens(), holders,
                sessions, audit);
        signInToPortal = new SignInToPortalService(credentials, sessions);
        currentPortalUser = new CurrentPortalUserService(state.portalSessions(), users, b.clock);
        signOutOfPortal = new SignOutOfPortalService(state.portalSessions(), b.clock);
        rotateSigningKey = new RotateSigningKeyService(b.keyManager, audit);
        revokeSigningKey = new RevokeSigningKeyService(b.keyManager, audit);
        listSigningKeys = new ListSigningKeysService(b.keyManager);

        this.issuer = b.issuer;
        ClientAuthentication clientAuthentication = new ClientAuthentication(oidc.clients(), audit);
        BrowserSessions browserSessions = new BrowserSessions(state.portalSessions(), users, b.clock);
        manageClients = new ManageClientsService(oidc.clients(), administrators, b.secrets, b.clock, audit,
                b.settings);
        authorize = new AuthorizeService(oidc.clients(), oidc.codes(), oidc.consents(), b.oidcTokens,
                browserSessions, b.secrets, b.clock, audit, b.issuer, b.settings, b.keyEncryption);
        oidcToken = new OidcTokenService(clientAuthentication, oidc.codes(), oidc.grants(), state.refreshTokens(),
                rotation, users, issuer, b.oidcTokens, b.secrets, b.clock, b.settings, audit, observer, tx, events,
                b.keyEncryption);
        oidcTokenInfo = new OidcTokenInfoService(clientAuthentication, b.accessTokenVerifier, holders, b.oidcTokens,
                state.refreshTokens(), oidc.grants(), users, b.clock, b.settings, audit, b.issuer, tx, events);
        endSession = new EndSessionService(oidc.clients(), b.oidcTokens, browserSessions, audit);
        purgeExpiredRows = new PurgeExpiredRowsService(state, b.oidcState.codes(), b.passkeyState.challenges(), b.clock, longestTokenLifetime(b.settings));
        PasswordHasher hashing = b.hasher;
        observer.watch(() -> hashing instanceof BoundedPasswordHasher bounded ? bounded.inProgress() : 0,
                () -> state.mailOutbox().backlog(b.clock.instant()));

        AccountOwners owners = new AccountOwners(users, administrators, audit);
        Notices notices = new Notices(state.mailOutbox(), b.secrets, b.clock, b.outbox);
        changePassword = new ChangePasswordService(users, credentials, owners, state.accounts(),
                state.refreshTokens(), state.portalSessions(), b.hasher, issuance, notices, b.settings, audit,
                b.clock, tx, events, state.codes(), state.emailChanges());
        changeEmail = new ChangeEmailService(users, credentials, owners, state.codes(), state.emailChanges(), mails,
                b.secrets, audit, b.clock);
        confirmEmailChange = new ConfirmEmailChangeService(users, state.codes(), state.emailChanges(), notices,
                throttling, audit, b.clock, tx, events);
        listSessions = new ListSessionsService(owners, state.refreshTokens(), b.clock);
        endSessions = new EndSessionsService(owners, state.accounts(), state.refreshTokens(), state.portalSessions(),
                audit, b.clock, tx, events);
        mfaStatus = new GetMfaStatusService(state.secondFactors(), secondFactors);
        exportAccount = new ExportAccountService(profiles, state.attributes(), state.refreshTokens(),
                state.auditLog(), b.passkeyState.passkeys(), b.clock, mfaStatus);
        deleteAccount = new DeleteAccountService(users, credentials, owners, administrators, state,
                b.passkeyState.passkeys(), oidc, audit, events);
        searchUsers = new SearchUsersService(users, administrators);
        userDetails = new GetUserDetailsService(users, administrators, state.attributes(), state.auditLog());
        updateUser = new UpdateUserService(users, administrators, state.codes(), audit, b.clock, tx, events,
                state.accounts(), state.emailChanges(), notices);
        sendPasswordReset = new SendPasswordResetService(users, administrators, mails, b.settings, audit);
        importUsers = new ImportUsersService(users, administrators, state.accounts(), state.attributes(), tx, b.clock,
                b.paddedToBcryptCost);
        exportUsers = new ExportUsersService(users, state.accounts(), state.attributes());

        PasskeyState passkeyState = b.passkeyState;
        PasskeyChallenges passkeyChallenges = new PasskeyChallenges(passkeyState.challenges(), b.secrets, b.clock);
        SecondFactorSignIn secondStep = new SecondFactorSignIn(users, secondFactors, credentials, throttling, audit,
                notices, b.deviceTokens, b.secrets, b.clock, passkeyState.passkeys(), passkeyChallenges,
                b.passkeyVerifier);
        completeMfaSignIn = new CompleteMfaSignInService(secondStep, issuance);
        completePortalMfaSignIn = new CompletePortalMfaSignInService(secondStep, sessions);
        FactorOwners factorOwners = new FactorOwners(owners, credentials, secondFactors, throttling, audit);
        enrolTotp = new EnrolTotpService(factorOwners, secondFactors, audit);
        confirmTotp = new ConfirmTotpService(users, owners, secondFactors, throttling, notices, audit, tx, events);
        disableTotp = new DisableTotpService(users, factorOwners, secondFactors, notices, audit, tx, events);
        renewRecoveryCodes = new RenewRecoveryCodesService(factorOwners, secondFactors, audit);
        resetMfa = new ResetMfaService(owners, administrators, secondFactors, notices, audit, tx, events);
        registerPasskey = new RegisterPasskeyService(users, credentials, owners, passkeyState.passkeys(),
                passkeyChallenges, b.passkeyVerifier, b.secrets, b.passkeyRpName, b.clock, audit);
        signInWithPasskey = new SignInWithPasskeyService(users, passkeyState.passkeys(), passkeyChallenges,
                b.passkeyVerifier, throttling, issuance, sessions, b.clock, audit, observer);
        managePasskeys = new ManagePasskeysService(owners, passkeyState.passkeys(), audit);
    }

    /**
     * A core over the users of the directory that {@code directory} opens (with the core's
     * password hasher, see {@link DirectoryFactory}) and the service state {@code state}.
     */
    public static Builder builder(CoreSettings settings, DirectoryFactory directory, ServiceState state,
                                  UserNotifier notifier) {
        return new Builder(settings, directory, state, notifier);
    }

    /** A core over a directory that checks passwords itself (it needs no password hasher). */
    public static Builder builder(CoreSettings settings, UserDirectory directory, ServiceState state,
                                  UserNotifier notifier) {
        Objects.requireNonNull(directory, "directory");
        return new Builder(settings, hasher -> directory, state, notifier);
    }

    /**
     * Sends the mails that registration and password resets put into the outbox. Nothing is sent
     * until it is {@link MailDispatcher#start() started} (or asked to {@link MailDispatcher#deliverDue()
     * deliver what is due}); close it when the program stops.
     */
    public MailDispatcher mailDispatcher() {
        return mailDispatcher;
    }

    /**
     * Posts the webhook events that changes put into the outbox. Nothing is sent until it is
     * {@link WebhookDispatcher#start() started} (or asked to {@link WebhookDispatcher#deliverDue()
     * deliver what is due}); close it when the program stops.
     */
    public WebhookDispatcher webhookDispatcher() {
        return webhookDispatcher;
    }

    /**
     * Does now, on the calling thread, what the first sign-ins would otherwise do themselves:
     * measuring the time of one password check at the current settings, which every check of an
     * imported or weaker hash is padded to (one bcrypt hash and one check). A server calls it on a
     * thread of its own once it listens, so that its start does not wait for it; without it, the
     * first padded check measures it. Safe to call more than once, and from several threads.
     */
    public void prepare() {
        preparation.run();
    }

    @Override
    public AdministerWebhooksUseCase administerWebhooks() {
        return administerWebhooks;
    }

    @Override
    public PasswordPolicy passwordPolicy() {
        return passwordPolicy;
    }

    @Override
    public RegisterUserUseCase register() {
        return register;
    }

    @Override
    public ConfirmEmailUseCase confirmEmail() {
        return confirmEmail;
    }

    @Override
    public LogInUseCase logIn() {
        return logIn;
    }

    @Override
    public RefreshTokensUseCase refreshTokens() {
        return refreshTokens;
    }

    @Override
    public LogOutUseCase logOut() {
        return logOut;
    }

    @Override
    public AuthenticateUseCase authenticate() {
        return authenticate;
    }

    @Override
    public GetUserUseCase getUser() {
        return getUser;
    }

    @Override
    public GetProfileUseCase getProfile() {
        return getProfile;
    }

    @Override
    public UpdateNameUseCase updateName() {
        return updateName;
    }

    @Override
    public SetAttributeUseCase setAttribute() {
        return setAttribute;
    }

    @Override
    public ListAttributesUseCase listAttributes() {
        return listAttributes;
    }

    @Override
    public DeleteAttributeUseCase deleteAttribute() {
        return deleteAttribute;
    }

    @Override
    public RequestPasswordResetUseCase requestPasswordReset() {
        return requestPasswordReset;
    }

    @Override
    public CompletePasswordResetUseCase completePasswordReset() {
        return completePasswordReset;
    }

    @Override
    public UserExistsUseCase userExists() {
        return userExists;
    }

    @Override
    public LookUpUserUseCase lookUpUser() {
        return lookUpUser;
    }

    @Override
    public PublishKeysUseCase publishKeys() {
        return publishKeys;
    }

    @Override
    public EnsureAdminUseCase ensureAdmin() {
        return ensureAdmin;
    }

    @Override
    public IssuePortalTokenUseCase issuePortalToken() {
        return issuePortalToken;
    }

    @Override
    public MintPortalTokenUseCase mintPortalToken() {
        return mintPortalToken;
    }

    @Override
    public VerifyCredentialsUseCase verifyCredentials() {
        return verifyCredentials;
    }

    @Override
    public ImpersonateUseCase impersonate() {
        return impersonate;
    }

    @Override
    public ChangeRoleUseCase changeRole() {
        return changeRole;
    }

    @Override
    public DeactivateUserUseCase deactivateUser() {
        return deactivateUser;
    }

    @Override
    public ListAuditEventsUseCase auditEvents() {
        return auditEvents;
    }

    @Override
    public RedeemPortalTokenUseCase redeemPortalToken() {
        return redeemPortalToken;
    }

    @Override
    public SignInToPortalUseCase signInToPortal() {
        return signInToPortal;
    }

    @Override
    public CurrentPortalUserUseCase currentPortalUser() {
        return currentPortalUser;
    }

    @Override
    public SignOutOfPortalUseCase signOutOfPortal() {
        return signOutOfPortal;
    }

    @Override
    public RotateSigningKeyUseCase rotateSigningKey() {
        return rotateSigningKey;
    }

    @Override
    public RevokeSigningKeyUseCase revokeSigningKey() {
        return revokeSigningKey;
    }

    @Override
    public ListSigningKeysUseCase listSigningKeys() {
        return listSigningKeys;
    }

    @Override
    public ManageClientsUseCase manageClients() {
        return manageClients;
    }

    @Override
    public AuthorizeUseCase authorize() {
        return authorize;
    }

    @Override
    public OidcTokenUseCase oidcToken() {
        return oidcToken;
    }

    @Override
    public OidcTokenInfoUseCase oidcTokenInfo() {
        return oidcTokenInfo;
    }

    @Override
    public EndSessionUseCase endSession() {
        return endSession;
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public PurgeExpiredRowsUseCase purgeExpiredRows() {
        return purgeExpiredRows;
    }

    @Override
    public ChangePasswordUseCase changePassword() {
        return changePassword;
    }

    @Override
    public ChangeEmailUseCase changeEmail() {
        return changeEmail;
    }

    @Override
    public ConfirmEmailChangeUseCase confirmEmailChange() {
        return confirmEmailChange;
    }

    @Override
    public ListSessionsUseCase listSessions() {
        return listSessions;
    }

    @Override
    public EndSessionsUseCase endSessions() {
        return endSessions;
    }

    @Override
    public ExportAccountUseCase exportAccount() {
        return exportAccount;
    }

    @Override
    public DeleteAccountUseCase deleteAccount() {
        return deleteAccount;
    }

    @Override
    public SearchUsersUseCase searchUsers() {
        return searchUsers;
    }

    @Override
    public GetUserDetailsUseCase userDetails() {
        return userDetails;
    }

    @Override
    public UpdateUserUseCase updateUser() {
        return updateUser;
    }

    @Override
    public SendPasswordResetUseCase sendPasswordReset() {
        return sendPasswordReset;
    }

    @Override
    public ImportUsersUseCase importUsers() {
        return importUsers;
    }

    @Override
    public ExportUsersUseCase exportUsers() {
        return exportUsers;
    }

    @Override
    public CompleteMfaSignInUseCase completeMfaSignIn() {
        return completeMfaSignIn;
    }

    @Override
    public CompletePortalMfaSignInUseCase completePortalMfaSignIn() {
        return completePortalMfaSignIn;
    }

    @Override
    public EnrolTotpUseCase enrolTotp() {
        return enrolTotp;
    }

    @Override
    public ConfirmTotpUseCase confirmTotp() {
        return confirmTotp;
    }

    @Override
    public DisableTotpUseCase disableTotp() {
        return disableTotp;
    }

    @Override
    public RenewRecoveryCodesUseCase renewRecoveryCodes() {
        return renewRecoveryCodes;
    }

    @Override
    public GetMfaStatusUseCase mfaStatus() {
        return mfaStatus;
    }

    @Override
    public ResetMfaUseCase resetMfa() {
        return resetMfa;
    }

    @Override
    public RegisterPasskeyUseCase registerPasskey() {
        return registerPasskey;
    }

    @Override
    public SignInWithPasskeyUseCase signInWithPasskey() {
        return signInWithPasskey;
    }

    @Override
    public ManagePasskeysUseCase managePasskeys() {
        return managePasskeys;
    }

    /**
     * Builds the core. Stores and notifier are required (the notifier delivers the outbox's mails,
     * see {@link UserServiceCore#mailDispatcher()}); the rest defaults to bcrypt at cost
     * {@value #DEFAULT_BCRYPT_COST}, RS256 tokens with the keys from the stores, the system UTC
     * clock, {@link java.security.SecureRandom} and {@link ThrottleSettings#defaults()}.
     */
    public static final class Builder {

        private final CoreSettings settings;
        private final DirectoryFactory directoryFactory;
        private final ServiceState state;
        private UserDirectory directory;
        private final UserNotifier notifier;
        private Clock clock = Clock.systemUTC();
        private SecretGenerator secrets = new SecureRandomSecretGenerator();
        private PasswordHasher hasher;
        private int bcryptCost = DEFAULT_BCRYPT_COST;
        /** The cost every password check is padded to, or 0 when a hasher was given. */
        private int paddedToBcryptCost;
        /** What {@link UserServiceCore#prepare()} does: measuring the padded checks' reference, when they are padded. */
        private Runnable preparation = () -> { };
        private String issuer = "user-service";
        private String audience = "user-service";
        private AccessTokenIssuer accessTokenIssuer;
        private AccessTokenVerifier accessTokenVerifier;
        private SigningKeyManager keyManager;
        private DeviceTokens deviceTokens;
        private KeyEncryption keyEncryption = KeyEncryption.none();
        private OutboxSettings outbox = OutboxSettings.defaults();
        private WebhookSettings webhookSettings = WebhookSettings.defaults();
        private WebhookSender webhookSender = (url, headers, body) -> {
            throw new WebhookSender.WebhookDeliveryException("no webhook sender is configured");
        };
        private ThrottleSettings throttleSettings = ThrottleSettings.defaults();
        private RequestIdSource requestIds = RequestIdSource.none();
        private ServiceObserver observer = ServiceObserver.none();
        private int hashConcurrency;
        private int hashQueue;
        private Duration tokenCacheMaxAge;
        private int tokenCacheSize;
        private OidcState oidcState = InMemoryOidcState.create();
        private OidcTokens oidcTokens;
        private OneTimePasswords oneTimePasswords = new RfcOneTimePasswords();
        private PasskeyState passkeyState = InMemoryPasskeyState.create();
        private PasskeyVerifier passkeyVerifier;
        private String passkeyRpName = "User Service";

        private Builder(CoreSettings settings, DirectoryFactory directory, ServiceState state, UserNotifier notifier) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.directoryFactory = Objects.requireNonNull(directory, "directory");
            this.state = Objects.requireNonNull(state, "state");
            this.notifier = Objects.requireNonNull(notifier, "notifier");
        }

        /** The TOTP codes and recovery codes of the second factor; RFC 6238 (SHA-1, 6 digits, 30 s) unless given. */
        public Builder oneTimePasswords(OneTimePasswords value) {
            this.oneTimePasswords = Objects.requireNonNull(value);
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** Who is told of sign-ins, registrations, tokens, hashing, throttling and mail (metrics); no one by default. */
        public Builder observer(ServiceObserver value) {
            this.observer = Objects.requireNonNull(value);
            return this;
        }

        /** Where audit records find the id of the request they are made in; none by default. */
        public Builder requestIds(RequestIdSource value) {
            this.requestIds = Objects.requireNonNull(value);
            return this;
        }

        public Builder secrets(SecretGenerator value) {
            this.secrets = Objects.requireNonNull(value);
            return this;
        }

        public Builder passwordHasher(PasswordHasher value) {
            this.hasher = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The bcrypt cost of the default hasher; ignored when a hasher is given. The default hasher
         * pads the check of an imported hash to the time of a bcrypt check at this cost (see
         * {@link UniformTimePasswordHasher}); a given hasher is used as it is.
         */
        public Builder bcryptCost(int value) {
            this.bcryptCost = value;
            return this;
        }

        /** The {@code iss} and {@code aud} of the default RS256 tokens. */
        public Builder tokenIssuerAndAudience(String tokenIssuer, String tokenAudience) {
            this.issuer = Objects.requireNonNull(tokenIssuer);
            this.audience = Objects.requireNonNull(tokenAudience);
            return this;
        }

        /**
         * The OpenID Connect provider's state (clients, codes, grants, consents); in memory unless
         * given, which suits only a single instance.
         */
        public Builder oidcState(OidcState value) {
            this.oidcState = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The passkeys' state (passkeys, user handles, challenges), in memory unless given, which
         * suits only a single instance; and how passkey ceremonies are checked. Unless given, the
         * checks are webauthn4j's for the token issuer when it is an http(s) URL, else for
         * {@code http://localhost}.
         */
        public Builder passkeys(PasskeyState state, PasskeyVerifier verifier) {
            this.passkeyState = Objects.requireNonNull(state);
            this.passkeyVerifier = Objects.requireNonNull(verifier);
            return this;
        }

        /** The relying party name authenticators show when a passkey is created. */
        public Builder passkeyRpName(String value) {
            this.passkeyRpName = Objects.requireNonNull(value);
            return this;
        }

        /**
         * How ID tokens and service tokens are signed and read; the default RS256 tokens bring
         * their own, tokens given to {@link #accessTokens} need these too for OpenID Connect.
         */
        public Builder oidcTokens(OidcTokens value) {
            this.oidcTokens = Objects.requireNonNull(value);
            return this;
        }

        /** The limits on failed sign-ins and other attempts. */
        public Builder throttling(ThrottleSettings value) {
            this.throttleSettings = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Tokens of the application's own instead of the default RS256 tokens. Their signing keys
         * are rotated, revoked and listed only by a {@link #signingKeyManager} given too.
         */
        public Builder accessTokens(AccessTokenIssuer tokenIssuer, AccessTokenVerifier tokenVerifier) {
            this.accessTokenIssuer = Objects.requireNonNull(tokenIssuer);
            this.accessTokenVerifier = Objects.requireNonNull(tokenVerifier);
            return this;
        }

        /**
         * Who rotates, revokes and lists the signing keys of the tokens given to {@link #accessTokens};
         * the default RS256 tokens manage their own. Without one, those use cases fail.
         */
        public Builder signingKeyManager(SigningKeyManager value) {
            this.keyManager = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Device tokens, which keep an account's owner signing in while its password is being
         * guessed; the default RS256 tokens bring their own, tokens given to
         * {@link #accessTokens} none unless given here.
         */
        public Builder deviceTokens(DeviceTokens value) {
            this.deviceTokens = Objects.requireNonNull(value);
            return this;
        }

        /**
         * How the default RS256 tokens store their private keys, and how the codes waiting in the
         * mail outbox are stored; unencrypted unless given.
         */
        public Builder keyEncryption(KeyEncryption value) {
            this.keyEncryption = Objects.requireNonNull(value);
            return this;
        }

        /** How webhooks are delivered and which receivers are allowed; see {@link WebhookSettings#defaults()}. */
        public Builder webhooks(WebhookSettings value) {
            this.webhookSettings = Objects.requireNonNull(value);
            return this;
        }

        /** Posts webhook messages; without one, every delivery fails and is retried until given up. */
        public Builder webhookSender(WebhookSender value) {
            this.webhookSender = Objects.requireNonNull(value);
            return this;
        }

        /** How the mail outbox is worked off and the per-recipient limit; defaults otherwise. */
        public Builder outbox(OutboxSettings value) {
            this.outbox = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Lets at most {@code concurrency} password hashes run at once and {@code queue} more wait;
         * beyond that, sign-ins fail at once with a {@link io.userservice.core.port.TooBusyException}.
         * Unbounded unless set.
         */
        public Builder passwordHashingLimit(int concurrency, int queue) {
            if (concurrency < 1 || queue < 0) {
                throw new IllegalArgumentException("hashing concurrency must be at least 1 and its queue not negative");
            }
            this.hashConcurrency = concurrency;
            this.hashQueue = queue;
            return this;
        }

        /**
         * Remembers up to {@code capacity} verified access tokens for at most {@code maxAge} each
         * (never past their expiry); see {@link CachingAccessTokenVerifier}. Off unless set.
         */
        public Builder verifiedTokenCache(Duration maxAge, int capacity) {
            this.tokenCacheMaxAge = Objects.requireNonNull(maxAge);
            this.tokenCacheSize = capacity;
            return this;
        }

        public UserServiceCore build() {
            if (hasher == null) {
                UniformTimePasswordHasher padded = new UniformTimePasswordHasher(new BcryptPasswordHasher(bcryptCost));
                hasher = padded;
                paddedToBcryptCost = bcryptCost;
                preparation = padded::calibrate;
            }
            hasher = new ObservedPasswordHasher(hasher, observer);
            if (hashConcurrency > 0) {
                hasher = new BoundedPasswordHasher(hasher, hashConcurrency, hashQueue);
            }
            directory = Objects.requireNonNull(directoryFactory.open(hasher), "the directory factory opened none");
            state.identities().bindTo(directory.name());
            if (accessTokenIssuer == null) {
                JoseAccessTokens tokens = new JoseAccessTokens(state.signingKeys(), clock, issuer, audience,
                        keyEncryption, longestTokenLifetime(settings));
                accessTokenIssuer = tokens;
                accessTokenVerifier = tokens;
                keyManager = tokens;
                if (deviceTokens == null) {
                    deviceTokens = tokens.deviceTokens();
                }
                if (oidcTokens == null) {
                    oidcTokens = tokens.oidcTokens();
                }
            }
            if (deviceTokens == null) {
                deviceTokens = DeviceTokens.none();
            }
            if (passkeyVerifier == null) {
                passkeyVerifier = new WebAuthn4jPasskeyVerifier(URI.create(
                        issuer.startsWith("https://") || issuer.startsWith("http://") ? issuer : "http://localhost"));
            }
            if (oidcTokens == null) {
                throw new IllegalStateException("access tokens given to the builder need oidcTokens too");
            }
            if (tokenCacheSize > 0) {
                accessTokenVerifier = new CachingAccessTokenVerifier(accessTokenVerifier, clock, tokenCacheMaxAge,
                        tokenCacheSize);
            }
            return new UserServiceCore(this);
        }
    }

    /**
     * The longest lifetime of any access token the core issues: a plain one, or a portal-capable or
     * impersonation token of the longest lifetime such tokens may have.
     */
    static Duration longestTokenLifetime(CoreSettings settings) {
        Duration portalTokens = settings.portalTokenMaxLifetime();
        return settings.accessTokenTtl().compareTo(portalTokens) > 0 ? settings.accessTokenTtl() : portalTokens;
    }

    /** The default bcrypt cost; see the benchmarks for how it was chosen. */
    public static final int DEFAULT_BCRYPT_COST = 10;
}
